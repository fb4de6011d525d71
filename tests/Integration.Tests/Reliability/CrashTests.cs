using System.Diagnostics;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Integration.Tests.Reliability;

/// <summary>
/// bj, run as a child process in a three-region federation (tj and he in-process, mutual TLS, witness
/// quorum 1), is killed with SIGKILL at random moments under sustained issuance and started again on the
/// same data folder and port, many times in a row. After every restart nothing it acknowledged is lost or
/// unprovable, its log re-verifies from the first entry (no half-written block), tj's and he's mirrors of bj
/// reach its tree size and root, nobody raises an alarm (a crash never looks like equivocation), and every
/// licence acknowledged since the last restart verifies VALID on tj and he from their mirrors.
/// Calls in flight at the kill may or may not have landed; either way the log stays whole.
/// </summary>
public class CrashTests
{
    private const int Kills = 20;
    private const int Issuers = 32;
    private const int Seed = 20261122;
    private static readonly string[] Peers = ["tj", "he"];
    private static readonly TimeSpan CatchUpWithin = TimeSpan.FromSeconds(90);
    private TestFederation? _federation;
    private ChildNode? _node;

    /// <summary>On failure, bj's last log lines and the peers' warnings; then everything goes.</summary>
    [TearDown]
    public async Task DumpLogsAndCleanUp()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _node is not null)
        {
            TestContext.Out.WriteLine($"bj (child process):{Environment.NewLine}{_node.LogTail()}");
            foreach (var peer in Peers)
            {
                var lines = _federation![peer].Logs.Lines.Where(l => !l.StartsWith("Debug", StringComparison.Ordinal) && !l.StartsWith("Information", StringComparison.Ordinal));
                TestContext.Out.WriteLine($"{peer}:{Environment.NewLine}{string.Join(Environment.NewLine, lines.TakeLast(20))}");
            }
        }
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
        if (_federation is not null)
        {
            await _federation.DisposeAsync();
        }
        (_node, _federation) = (null, null);
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(200_000)]
    public async Task SigKillUnderIssuance_TwentyTimesInARow_EveryAcknowledgedLicenceStaysProvableAndTheLogWhole()
    {
        var random = new Random(Seed);
        var federation = _federation = await TestFederation.StartAsync(witnessQuorum: 1);
        var node = _node = await OutOfProcessAsync(federation["bj"]);
        var peers = Peers.Select(region => new NodeClient(federation[region].Channel, region)).ToList();
        var receipts = new List<IssueReceipt>();
        var (failedInFlight, lastTreeSize, cyclesWithLoad, checkedOnPeers) = (0, 0UL, 0, 0);
        var clock = Stopwatch.StartNew();
        await node.StartAsync();

        for (var kill = 1; kill <= Kills; kill++)
        {
            var before = receipts.Count;
            var client = new NodeClient(node.Channel, "bj");
            receipts.Add(IssueReceipt.From(await client.IssueAsync()));
            var issuers = Enumerable.Range(0, Issuers).Select(_ => IssueUntilFailureAsync(client, receipts)).ToArray();
            await Task.Delay(random.Next(150, 701));
            await node.KillAsync();
            failedInFlight += (await Task.WhenAll(issuers)).Count(failed => failed);
            await node.StartAsync();

            client = new NodeClient(node.Channel, "bj");
            var suite = Suite.For((await client.StatusAsync()).Suite);
            var log = await LogAudit.RunAsync(client.Ledger, suite);
            var acknowledged = receipts.Count == 0 ? 0 : receipts.Max(r => r.LeafIndex) + 1;
            var fresh = receipts.Skip(before).ToList();
            var checkpoint = (await client.Ledger.GetCheckpointAsync(new GetCheckpointRequest())).Checkpoint;

            Assert.That(log.Problems, Is.Empty, $"after kill {kill}");
            Assert.That(log.TreeSize, Is.GreaterThanOrEqualTo(Math.Max(acknowledged, lastTreeSize)), $"tree size after kill {kill}");
            Assert.That((checkpoint.TreeSize, checkpoint.RootHash.ToByteArray()), Is.EqualTo((log.TreeSize, log.Root(suite))), $"checkpoint after kill {kill}");
            Assert.That(ReceiptAudit.AgainstLog(log, receipts), Is.Empty, $"after kill {kill}");
            Assert.That(await ReceiptAudit.AgainstNodeAsync(client, suite, log, receipts), Is.Empty, $"after kill {kill}");

            var (own, statuses) = await MirrorsCaughtUpAsync(client, peers);
            Assert.That((await client.StatusAsync()).Alarms, Is.Empty, $"bj's alarms after kill {kill}");
            foreach (var (peer, status) in peers.Zip(statuses))
            {
                var mirror = status.Mirrors.Single(m => m.Region == "bj");
                Assert.That((mirror.TreeSize, mirror.Checkpoint.RootHash), Is.EqualTo((own.TreeSize, own.RootHash)), $"{peer.Region}'s mirror of bj after kill {kill}");
                Assert.That(status.Alarms, Is.Empty, $"{peer.Region}'s alarms after kill {kill}");
                Assert.That(await VerifyOnAsync(peer, receipts.Skip(checkedOnPeers)), Is.Empty, $"on {peer.Region} after kill {kill}");
            }
            checkedOnPeers = receipts.Count;
            cyclesWithLoad += fresh.Count > 1 ? 1 : 0;
            lastTreeSize = log.TreeSize;
            TestContext.Out.WriteLine($"kill {kill}: {fresh.Count} acknowledged, tree size {log.TreeSize}, mirrors caught up, {clock.Elapsed.TotalSeconds:F1} s");
        }

        Assert.That(cyclesWithLoad, Is.GreaterThanOrEqualTo(Kills * 3 / 4), "kills that hit a node under load");
        TestContext.Out.WriteLine($"{Kills} kills, {receipts.Count} licences acknowledged and kept, {failedInFlight} calls in flight failed, " +
            $"{cyclesWithLoad} kills under load, tree size {lastTreeSize} on bj and in both mirrors, {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Stops the in-process node and returns it as a child process (not started) on the same data folder,
    /// port and command line, presenting its issuer client certificate and trusting its CA-issued certificate.</summary>
    private static async Task<ChildNode> OutOfProcessAsync(TestNode inProcess)
    {
        var commandLine = inProcess.CommandLine();
        await inProcess.StopAsync();
        // The stopped node's pooled SQLite connections still hold the database open; the child must be its only user.
        SqliteConnection.ClearAllPools();
        return new ChildNode(inProcess.DataDirectory, inProcess.Port, commandLine, () => inProcess.CreateChannel(inProcess.DefaultClient));
    }

    /// <summary>Waits until every peer's mirror of bj holds bj's current checkpoint (size and root); returns what
    /// bj and the peers said last (a timeout shows up as a mismatch).</summary>
    internal static async Task<(Checkpoint Own, GetLedgerStatusResponse[] Peers)> MirrorsCaughtUpAsync(NodeClient bj, IReadOnlyList<NodeClient> peers)
    {
        var (last, _) = await Eventually.UntilAsync(
            async () => ((await bj.Ledger.GetCheckpointAsync(new GetCheckpointRequest())).Checkpoint, await Task.WhenAll(peers.Select(p => p.StatusAsync()))),
            answer => answer.Item2.Select(s => s.Mirrors.Single(m => m.Region == "bj"))
                .All(m => m.TreeSize == answer.Checkpoint.TreeSize && m.Checkpoint.RootHash == answer.Checkpoint.RootHash),
            CatchUpWithin);
        return last;
    }

    /// <summary>VerifyLicense on a peer (answered from its mirror of bj); one line per licence not VALID.</summary>
    internal static async Task<List<string>> VerifyOnAsync(NodeClient peer, IEnumerable<IssueReceipt> receipts)
    {
        var problems = new List<string>();
        await Parallel.ForEachAsync(receipts, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (receipt, _) =>
        {
            var answer = await peer.VerifyAsync(receipt.LicenseId);
            if (answer.Status != VerificationStatus.Valid)
            {
                lock (problems)
                {
                    problems.Add($"{receipt.LicenseId}: {answer.Status} {answer.Detail}");
                }
            }
        });
        return problems;
    }

    /// <summary>Issues licences one after another until a call fails (the kill); true when one failed.
    /// Every call that returned is kept as a receipt.</summary>
    internal static async Task<bool> IssueUntilFailureAsync(NodeClient client, List<IssueReceipt> receipts)
    {
        await Task.Yield();
        while (true)
        {
            try
            {
                var response = await client.IssueAsync();
                lock (receipts)
                {
                    receipts.Add(IssueReceipt.From(response));
                }
            }
            catch (RpcException)
            {
                return true;
            }
        }
    }
}
