using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Tests.Ledger;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Fuzz;

/// <summary>
/// Seeded property tests of the entry decoder as a mirror runs it (LedgerEntry.Parser, where only
/// InvalidProtocolBufferException is an expected failure, then <see cref="EntryRules.Check"/>) on
/// mutated entries of every kind and random bytes: no other exception, bounded time and allocation.
/// </summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class EntryDecoderFuzzTests(string suiteName)
{
    private const string Region = "bj";

    private readonly Suite _suite = Suite.FromName(suiteName)!;
    private readonly MemoryHistory _history = new();
    private byte[][] _corpus = [];

    [OneTimeSetUp]
    public void BuildCorpus()
    {
        string Id(int n) => ChainEntries.LicenseId(Region, n);
        var issued = Enumerable.Range(1, 3).Select(n => ChainEntries.Issued(_suite, Region, Id(n))).ToArray();
        _history.Apply(issued);
        _corpus =
        [
            .. new[]
            {
                ChainEntries.Issued(_suite, Region, Id(9)), ChainEntries.Amended(_suite, Region, Id(1), 2),
                ChainEntries.Status(Region, Id(2), LicenseStatus.Revoked), ChainEntries.Catalog(Region),
                ChainEntries.Consent(Region, Id(1)), ChainEntries.Access(Region, Id(3), 1),
                ChainEntries.Entry(Region, e => e.ConsentWithdrawn = new ConsentWithdrawn { LicenseId = Id(1) }),
                ChainEntries.Entry(Region, e => e.KeyRotated = KeyRotation.Endorse(
                    NoteSigner.Create("regional.example/bj", PrivateKey.FromSecret(SignatureAlgorithm.Ed25519, new byte[32])),
                    NoteSigner.Create("regional.example/bj", PrivateKey.FromSecret(SignatureAlgorithm.Ed25519, Enumerable.Repeat((byte)7, 32).ToArray())).Verifier)),
            }.Select(e => e.ToByteArray()),
            [],
        ];
    }

    [Test]
    public void ParseAndCheck_MutatedOrRandomEntry_DefinedResultsOnly()
    {
        Assert.That(_corpus.SkipLast(1).Select(Decode), Is.All.EqualTo("valid"), "every seed is a valid entry");

        var outcomes = FuzzRun.Run($"LedgerEntry ({_suite.Name})", Input, b => b.Length, Decode);

        Assert.That(outcomes.Keys, Does.Contain("valid").And.Contain("malformed"));
        Assert.That(outcomes.Keys.Count(k => k.StartsWith("refused", StringComparison.Ordinal)), Is.GreaterThan(3), "the mutations reach the rules");
    }

    [TestCase(new byte[] { 0x1A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, TestName = "ParseAndCheck_LengthPrefixOf2GB_MalformedWithoutAllocating")]
    [TestCase(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, TestName = "ParseAndCheck_ElevenByteVarint_Malformed")]
    [TestCase(new byte[] { 0x0B }, TestName = "ParseAndCheck_UnclosedGroup_Malformed")]
    public void ParseAndCheck_HostileFraming_Malformed(byte[] bytes)
    {
        Assert.That(FuzzRun.Bounded("framing", () => Decode(bytes), 1 << 20), Is.EqualTo("malformed"));
    }

    [Test]
    public void ParseAndCheck_ThousandsOfNestedGroups_MalformedByRecursionLimit()
    {
        var bytes = Enumerable.Repeat((byte)0x0B, 100_000).Concat(Enumerable.Repeat((byte)0x0C, 100_000)).ToArray();

        Assert.That(FuzzRun.Bounded("nested groups", () => Decode(bytes), 64L * bytes.Length), Is.EqualTo("malformed"));
    }

    [Test]
    public void ParseAndCheck_OneMegabyteOfDigests_RefusedWithinBounds()
    {
        var entry = ChainEntries.Issued(_suite, Region, ChainEntries.LicenseId(Region, 8));
        entry.LicenseIssued.FieldDigests.Add(Enumerable.Range(0, 25_000).Select(i => new FieldDigest { Name = "f", Digest = ByteString.CopyFrom(new byte[32]) }));
        var bytes = entry.ToByteArray();

        var outcome = FuzzRun.Bounded("1 MB of digests", () => Decode(bytes), 64L * bytes.Length);

        Assert.That(bytes.Length, Is.GreaterThan(800_000));
        Assert.That(outcome, Does.StartWith("refused"));
    }

    private byte[] Input(Random random, int index) => random.Next(8) switch
    {
        0 => ByteMutator.RandomBytes(random, random.Next(100) == 0 ? 1 << 20 : 4096),
        _ => ByteMutator.Mutate(_corpus[random.Next(_corpus.Length)], _corpus, random),
    };

    /// <summary>What a mirror makes of the bytes: malformed, refused (with the rule's first words) or valid.</summary>
    private string Decode(byte[] bytes)
    {
        LedgerEntry entry;
        try
        {
            entry = LedgerEntry.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return "malformed";
        }
        return EntryRules.Check(entry, Region, _history) is { } problem
            ? "refused: " + string.Join(' ', problem.Split(' ').Take(2))
            : "valid";
    }
}
