using System.Diagnostics;
using Regional.Integration.Tests.Support;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Federation;

/// <summary>A node that lost its database (keys and certificate kept) starts empty and catches up
/// ten thousand licences of each other region, block by verified block, to the issuers' own roots.</summary>
public class CatchUpTests
{
    private const int PerRegion = 10_000;
    private const int Concurrency = 256;
    private TestNode? _he;

    /// <summary>On failure, what the catching-up node logged (warnings and worse).</summary>
    [TearDown]
    public void DumpLogOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _he is not null)
        {
            foreach (var line in _he.Logs.Lines.Where(l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Information", StringComparison.Ordinal)).TakeLast(40))
            {
                TestContext.Out.WriteLine(line);
            }
        }
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(180_000)]
    public async Task HeStartsEmpty_AfterTenThousandInBjAndTj_MirrorsReachTheirRootsAndVerify()
    {
        // he writes nothing of its own (no starter catalog), so wiping its database forks no log
        // its peers have witnessed: a restarted node never seals at a height they already hold.
        await using var federation = await TestFederation.StartAsync(
            (region, builder) => builder.Configuration["Node:LoadStarterCatalog"] = region == "he" ? "false" : "true", witnessQuorum: 1);
        var he = _he = federation["he"];
        await he.StopAsync();
        WipeLedger(he.DataDirectory);

        var clock = Stopwatch.StartNew();
        var issued = await Task.WhenAll(IssueManyAsync(federation, "bj"), IssueManyAsync(federation, "tj"));
        var issuing = clock.Elapsed;
        var own = new Dictionary<string, LogStatus>();
        foreach (var region in new[] { "bj", "tj" })
        {
            own[region] = (await new NodeClient(federation[region].Channel, region).StatusAsync()).OwnLog;
        }

        clock.Restart();
        await he.StartAsync();
        var client = new NodeClient(he.Channel, "he");
        var (status, _) = await Eventually.UntilAsync(client.StatusAsync,
            s => own.All(o => s.Mirrors.Single(m => m.Region == o.Key).TreeSize >= o.Value.TreeSize), TimeSpan.FromSeconds(90));
        var catchingUp = clock.Elapsed;
        TestContext.Out.WriteLine($"issued {PerRegion:N0} in bj and in tj in {issuing.TotalSeconds:F1} s; he caught up in {catchingUp.TotalSeconds:F1} s");

        Assert.That(status.Alarms, Is.Empty);
        foreach (var (region, log) in own)
        {
            var mirror = status.Mirrors.Single(m => m.Region == region);
            Assert.That(mirror.TreeSize, Is.EqualTo(log.TreeSize), region);
            Assert.That(mirror.Checkpoint.RootHash, Is.EqualTo(log.Checkpoint.RootHash), region);
            // The same issuer-signed checkpoint; the cosignature lines each node appends may differ.
            Assert.That(mirror.Checkpoint.Note.Split("\n\n")[0], Is.EqualTo(log.Checkpoint.Note.Split("\n\n")[0]), region);
        }
        var random = new Random(4);
        foreach (var licenceId in Enumerable.Range(0, 20).Select(_ => issued[random.Next(2)][random.Next(PerRegion)]))
        {
            var answer = await client.VerifyAsync(licenceId);
            Assert.That(answer.Status, Is.EqualTo(VerificationStatus.Valid), $"{licenceId}: {answer.Detail}");
        }
    }

    /// <summary>Issues PerRegion licences with Concurrency calls in flight; returns their ids.</summary>
    private static async Task<string[]> IssueManyAsync(TestFederation federation, string region)
    {
        var client = new NodeClient(federation[region].Channel, region);
        var ids = new string[PerRegion];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < PerRegion; i = Interlocked.Increment(ref next))
            {
                ids[i] = (await client.IssueAsync()).LicenseId;
            }
        }));
        return ids;
    }

    /// <summary>Deletes the node's database and everything else but its keys and its TLS certificate.</summary>
    private static void WipeLedger(string dataDirectory)
    {
        // The stopped node's pooled SQLite connections still hold the old file open: a deleted database
        // would live on through them. Close them first (other nodes' pools just reopen).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        string[] kept = ["keys", "tls", "federation.crt", "federation.key"];
        foreach (var path in Directory.EnumerateFileSystemEntries(dataDirectory).Where(p => !kept.Contains(Path.GetFileName(p))).ToList())
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        Assert.That(Directory.EnumerateFiles(dataDirectory, "ledger*"), Is.Empty);
    }
}
