using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Storage.Operations;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Ledger;

/// <summary>The requests table keeps a fingerprint keyed by the node's data key, never a plain hash of
/// the request (which holds the holder's id and field values); retries still get the first answer, and
/// the plain hashes of older databases are erased by the migration without ever letting a request run twice.</summary>
public class RequestFingerprintTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("regional-requests-").FullName;

    [TearDown]
    public void RemoveFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [TestCase("gm")]
    [TestCase("intl")]
    public void Execute_RequestWithId_StoresKeyedFingerprintNotThePlainHash(string suiteName)
    {
        var suite = Suite.FromName(suiteName)!;
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var request = Request("91110105MA0KEYED01");

        var stored = Submit(suite, "a.db", dataKey, new RecordingCommand("req-1", request));

        Assert.That(stored, Is.Not.EqualTo(suite.Hash(request.ToByteArray())));
        Assert.That(stored, Is.EqualTo(new RequestFingerprint(suite, dataKey).Of(request)));
    }

    [Test]
    public void Execute_SameRequestUnderTwoDataKeys_StoredFingerprintsDiffer()
    {
        var request = Request("91110105MA0TWOKEY1");

        var first = Submit(Suite.Gm, "a.db", RandomNumberGenerator.GetBytes(32), new RecordingCommand("req-1", request));
        var second = Submit(Suite.Gm, "b.db", RandomNumberGenerator.GetBytes(32), new RecordingCommand("req-1", request));

        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public void Execute_RetrySameIdSameRequest_FirstAnswerWithoutRunningAgain()
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var request = Request("91110105MA0RETRY02");
        Submit(Suite.Gm, "a.db", dataKey, new RecordingCommand("req-1", request, answer: "first"));
        var retry = new RecordingCommand("req-1", request, answer: "second");

        Submit(Suite.Gm, "a.db", dataKey, retry);

        Assert.That(retry.Runs, Is.Zero);
        Assert.That(retry.Completion.Result.Value, Is.EqualTo("first"));
    }

    [Test]
    public void Execute_SameIdDifferentRequest_RefusedAsReuse()
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        Submit(Suite.Gm, "a.db", dataKey, new RecordingCommand("req-1", Request("91110105MA0REUSE02")));
        var other = new RecordingCommand("req-1", Request("91110105MA0OTHER02"));

        Submit(Suite.Gm, "a.db", dataKey, other);

        var refusal = Refusal(other);
        Assert.That(other.Runs, Is.Zero);
        Assert.That((refusal.Code, refusal.Reason), Is.EqualTo((Grpc.Core.StatusCode.AlreadyExists, "REQUEST_ID_REUSED")));
        Assert.That(refusal.Message, Does.Contain("different request"));
    }

    [Test]
    public void Migrate_PlainHashFingerprintOfVersion3_ErasedFromDiskAndRetryNeverRunsAgain()
    {
        // Arrange: a database of schema 3 holding plain SM3 hashes of requests.
        var path = Path.Combine(_folder, "old.db");
        var request = Request("91110105MA0LEGACY1");
        var plainHashes = Enumerable.Range(0, 5).Select(i => Suite.Gm.Hash(Request($"91110105MA0LEGAC{i}X").ToByteArray())).Append(Suite.Gm.Hash(request.ToByteArray())).ToList();
        using (var session = (SqliteSession)new Database(path).Open())
        {
            Migrations.Apply(session, 3);
            for (var i = 0; i < plainHashes.Count; i++)
            {
                ((IStoreSession)session).Requests.Add(i == plainHashes.Count - 1 ? "req-old" : $"req-{i}", plainHashes[i], "\"BJ-2025-000001\""u8.ToArray(), 7);
            }
        }
        SqliteConnection.ClearAllPools();

        // Act: the node opens it (migrating to the latest schema), and the caller retries the old id.
        var retry = new RecordingCommand("req-old", request);
        Submit(Suite.Gm, "old.db", RandomNumberGenerator.GetBytes(32), retry);

        // Assert: the plain hash is nowhere in the files, the row is kept, the retry is refused and did not run.
        using (var session = (SqliteSession)new Database(path).Open())
        {
            Assert.That(Migrations.CurrentVersion(session), Is.EqualTo(Migrations.Latest));
            Assert.That(((IStoreSession)session).Requests.Find("req-old")!.Fingerprint, Is.Empty);
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_folder))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.That(plainHashes.Where(h => Contains(bytes, h.AsSpan(0, 12).ToArray())), Is.Empty, $"{Path.GetFileName(file)} still holds a plain hash");
        }
        var refusal = Refusal(retry);
        Assert.That(retry.Runs, Is.Zero);
        Assert.That(refusal.Reason, Is.EqualTo("REQUEST_ID_REUSED"));
        Assert.That(refusal.Message, Does.Contain("before").And.Contain("leaf 7"));
    }

    private static IMessage Request(string holder) => LicenseClient.BusinessLicence(holder: holder, name: "指纹公司");

    /// <summary>Runs one command in a block of the own log of the database file; returns the stored fingerprint of its id.</summary>
    private byte[] Submit(Suite suite, string file, byte[] dataKey, RecordingCommand command)
    {
        using var session = new Database(Path.Combine(_folder, file)).Open();
        var log = OwnLog.Open(session, suite, "bj", "regional.example/bj");
        var signer = NoteSigner.Create(log.Origin, PrivateKey.Generate(suite.SignatureAlgorithm));
        var sealer = new BlockSealer(suite, log.Region, log.Origin, signer, fingerprints: new RequestFingerprint(suite, dataKey));
        sealer.Seal(session, log.State, [command], Now);
        return session.Requests.Find(command.RequestId)!.Fingerprint;
    }

    private static NodeException Refusal(RecordingCommand command)
    {
        var error = Assert.Throws<AggregateException>(() => command.Completion.Wait());
        return (NodeException)error!.InnerException!;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>A command with a request id that appends nothing and counts how often it ran.</summary>
    private sealed class RecordingCommand(string id, IMessage request, string answer = "done") : LedgerCommand<string>(id, request)
    {
        public string RequestId { get; } = id;

        public int Runs { get; private set; }

        protected override string Run(SealingContext context)
        {
            Runs++;
            return answer;
        }
    }
}

/// <summary>The running node keys the fingerprints with its own data key (keys/data.key).</summary>
public class RequestFingerprintNodeTests : SingleNodeFixture
{
    [Test]
    public async Task IssueLicense_WithRequestId_StoredFingerprintKeyedByTheNodesDataKey()
    {
        var request = LicenseClient.BusinessLicence(holder: "91110105MA0NODEKY1", name: "密钥公司");
        request.RequestId = "fingerprint-node-1";

        await Client.IssueAsync(request);

        var dataKey = await File.ReadAllBytesAsync(Path.Combine(Node.DataDirectory, "keys", "data.key"));
        using var session = DatabaseFile.OpenReadOnly(Path.Combine(Node.DataDirectory, "ledger.db"));
        var stored = session.Requests.Find(request.RequestId)!.Fingerprint;
        Assert.That(stored, Is.EqualTo(new RequestFingerprint(Suite.Gm, dataKey).Of(request)));
        Assert.That(stored, Is.Not.EqualTo(Suite.Gm.Hash(request.ToByteArray())));
    }
}
