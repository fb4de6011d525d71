using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Grpc.Core;
using Npgsql;
using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Reliability;

/// <summary>
/// bj on PostgreSQL as two node processes on one database (docs/storage.md, "Active and standby"), in a
/// three-region federation: the active seals, the standby waits for the writer lease. The active is killed with
/// SIGKILL under sustained issuance, twenty times; each time the standby takes over on the same address within
/// seconds, and then nothing the dead one acknowledged is lost, the log re-verifies from its first entry (one
/// log, no fork), tj's and he's mirrors reach its size and root without an alarm, and every licence verifies
/// VALID on them. The killed process comes back as the next standby. While it waits, the standby serves reads on
/// its own address (Node:StandbyListen): the newest checkpoint and VALID answers for what the active acknowledged,
/// and UNAVAILABLE STANDBY, naming the region's node, for a write or a download.
/// </summary>
public class StandbyTakeoverTests
{
    private const int Kills = 20;
    private const int Issuers = 16;
    private const int Seed = 20261207;
    private static readonly TimeSpan TakeoverWithin = TimeSpan.FromSeconds(60);
    private TestFederation? _federation;
    private readonly List<ChildNode> _nodes = [];
    private string? _database;

    [TearDown]
    public async Task CleanUp()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var node in _nodes)
            {
                TestContext.Out.WriteLine($"{node.DataDirectory}:{Environment.NewLine}{node.LogTail()}");
            }
        }
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        if (_federation is not null)
        {
            await _federation.DisposeAsync();
        }
        if (_database is not null)
        {
            TestPostgres.DropDatabase(_database);
        }
        (_federation, _database) = (null, null);
        _nodes.Clear();
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(400_000)]
    public async Task SigKillTheActiveUnderIssuance_TwentyTimes_TheStandbyTakesOverAndNothingAcknowledgedIsLost()
    {
        // Arrange: bj's first start makes its keys and certificates and the schema; then it runs as two processes.
        var random = new Random(Seed);
        var database = _database = TestPostgres.CreateDatabase();
        var federation = _federation = await TestFederation.StartAsync((region, builder) =>
        {
            if (region == "bj")
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Engine"] = "postgres", ["Storage:ConnectionString"] = database });
            }
        }, witnessQuorum: 1);
        var (first, second) = await TwoProcessesAsync(federation["bj"], database);
        var peers = new[] { "tj", "he" }.Select(region => new NodeClient(federation[region].Channel, region)).ToList();
        var receipts = new List<IssueReceipt>();
        var (active, standby) = (first, second);
        await active.StartAsync();
        await LaunchStandbyAsync(standby);
        await AssertStandbyServesReadsAsync(federation["bj"], standby, new NodeClient(active.Channel, "bj"), receipts);
        var takeovers = new List<double>();
        var clock = Stopwatch.StartNew();

        for (var kill = 1; kill <= Kills; kill++)
        {
            // Act
            var client = new NodeClient(active.Channel, "bj");
            receipts.Add(IssueReceipt.From(await client.IssueAsync()));
            var issuers = Enumerable.Range(0, Issuers).Select(_ => CrashTests.IssueUntilFailureAsync(client, receipts)).ToArray();
            await Task.Delay(random.Next(150, 701));
            await active.KillAsync();
            var killedAt = Stopwatch.StartNew();
            await Task.WhenAll(issuers);
            await standby.WaitServingAsync(TakeoverWithin);
            takeovers.Add(killedAt.Elapsed.TotalSeconds);
            (active, standby) = (standby, active);

            // Assert
            client = new NodeClient(active.Channel, "bj");
            var suite = Suite.For((await client.StatusAsync()).Suite);
            var log = await LogAudit.RunAsync(client.Ledger, suite);
            Assert.That(log.Problems, Is.Empty, $"after kill {kill}");
            Assert.That(ReceiptAudit.AgainstLog(log, receipts), Is.Empty, $"acknowledged before kill {kill}");
            Assert.That(await ReceiptAudit.AgainstNodeAsync(client, suite, log, receipts), Is.Empty, $"after kill {kill}");
            var (own, statuses) = await CrashTests.MirrorsCaughtUpAsync(client, peers);
            foreach (var (peer, status) in peers.Zip(statuses))
            {
                var mirror = status.Mirrors.Single(m => m.Region == "bj");
                Assert.That((mirror.TreeSize, mirror.Checkpoint.RootHash), Is.EqualTo((own.TreeSize, own.RootHash)), $"{peer.Region}'s mirror of bj after kill {kill}");
                Assert.That(status.Alarms, Is.Empty, $"{peer.Region}'s alarms after kill {kill}: a takeover must never look like a fork");
            }
            TestContext.Out.WriteLine($"kill {kill}: standby serving {takeovers[^1]:F1} s after the kill, tree size {log.TreeSize}, {receipts.Count} acknowledged");
            await LaunchStandbyAsync(standby);
            if (kill % 5 == 1)
            {
                await AssertStandbyServesReadsAsync(federation["bj"], standby, client, receipts);
            }
        }

        // Assert
        foreach (var peer in peers)
        {
            Assert.That(await CrashTests.VerifyOnAsync(peer, receipts), Is.Empty, $"on {peer.Region}");
        }
        TestContext.Out.WriteLine($"{Kills} takeovers, {receipts.Count} licences acknowledged and kept; takeover p50 {Percentile(takeovers, 0.5):F1} s, "
            + $"max {takeovers.Max():F1} s; {clock.Elapsed.TotalSeconds:F0} s in all");
    }

    /// <summary>The standby answers reads from what the active wrote (its newest checkpoint soon after it is sealed,
    /// VALID for the last licence acknowledged) and refuses a write with the region's node to send it to.</summary>
    private static async Task AssertStandbyServesReadsAsync(TestNode bj, ChildNode standby, NodeClient active, List<IssueReceipt> receipts)
    {
        receipts.Add(IssueReceipt.From(await active.IssueAsync()));
        using var channel = bj.CreateChannel(bj.DefaultClient, new Uri($"https://127.0.0.1:{StandbyPorts[standby]}"));
        var reads = new NodeClient(channel, "bj");
        var activeSize = (await active.Ledger.GetCheckpointAsync(new GetCheckpointRequest())).Checkpoint.TreeSize;

        var (seen, _) = await Eventually.UntilAsync(async () => (await reads.Ledger.GetCheckpointAsync(new GetCheckpointRequest())).Checkpoint,
            checkpoint => checkpoint.TreeSize >= activeSize, TimeSpan.FromSeconds(10));
        var verified = await reads.VerifyAsync(receipts[^1].LicenseId);
        var write = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await reads.IssueAsync());
        // A download decides and records an access at the region's active node: never on a standby, whose log it cannot write.
        var download = Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await reads.Licenses.DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = receipts[^1].LicenseId }));
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
        var ready = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        var ledger = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = "regional.v1.LedgerService" });

        Assert.That(seen.TreeSize, Is.GreaterThanOrEqualTo(activeSize), "the standby's checkpoint follows the active's");
        Assert.That(verified.Status, Is.EqualTo(VerificationStatus.Valid), "the standby verifies what the active acknowledged");
        Assert.That(write!.StatusCode, Is.EqualTo(Grpc.Core.StatusCode.Unavailable));
        Assert.That(write.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason, Is.EqualTo("STANDBY"));
        Assert.That((download!.StatusCode, download.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason), Is.EqualTo((Grpc.Core.StatusCode.Unavailable, "STANDBY")));
        Assert.That(write.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Metadata["endpoint"], Does.EndWith($":{bj.Port}"), "the refusal names the region's node");
        Assert.That(ready.Status, Is.EqualTo(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing), "a standby takes no writes: not ready");
        Assert.That(ledger.Status, Is.EqualTo(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving), "its reads are served");
    }

    /// <summary>Each process's Node:StandbyListen port.</summary>
    private static readonly Dictionary<ChildNode, int> StandbyPorts = [];

    /// <summary>Stops bj's in-process node and returns two child processes of it on the same port and database: its own
    /// data folder, and a copy (the same keys and certificates, as a second machine of the region would hold). Each
    /// serves reads on a port of its own while it is the standby.</summary>
    private async Task<(ChildNode First, ChildNode Second)> TwoProcessesAsync(TestNode bj, string database)
    {
        string[] storage = ["--Storage:Engine=postgres", $"--Storage:ConnectionString={database}"];
        var commandLine = bj.CommandLine().Concat(storage).ToList();
        await bj.StopAsync();
        NpgsqlConnection.ClearAllPools();
        var copy = bj.DataDirectory + "-standby";
        CopyFolder(bj.DataDirectory, copy);
        var (firstStandby, secondStandby) = (ChildNode.FreePort(), ChildNode.FreePort());
        var first = new ChildNode(bj.DataDirectory, bj.Port, [.. commandLine, $"--Node:StandbyListen=127.0.0.1:{firstStandby}"], () => bj.CreateChannel(bj.DefaultClient));
        var second = new ChildNode(copy, bj.Port,
            [.. commandLine.Select(arg => arg.Replace(bj.DataDirectory, copy, StringComparison.Ordinal)), $"--Node:StandbyListen=127.0.0.1:{secondStandby}"],
            () => bj.CreateChannel(bj.DefaultClient));
        (StandbyPorts[first], StandbyPorts[second]) = (firstStandby, secondStandby);
        _nodes.AddRange([first, second]);
        return (first, second);
    }

    /// <summary>Starts a standby and waits until it says it waits for the writer lease.</summary>
    private static async Task LaunchStandbyAsync(ChildNode standby)
    {
        File.Delete(Path.Combine(standby.DataDirectory, "node.log"));
        standby.Launch();
        var waiting = Stopwatch.StartNew();
        while (!standby.LogTail().Contains("Standby:", StringComparison.Ordinal))
        {
            Assert.That(waiting.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), $"the standby never waited for the lease: {standby.LogTail()}");
            await Task.Delay(100);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Min(values.Count - 1, Math.Floor(p * values.Count)));
}
