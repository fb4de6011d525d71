using System.Diagnostics;
using Grpc.Core;
using Regional.Integration.Tests.Support;
using Regional.LicenseVerifier.Crypto;
using Regional.V1;

namespace Regional.Integration.Tests.Reliability;

/// <summary>
/// A node run as a child process is killed with SIGKILL at random moments under sustained issuance and
/// started again on the same data folder and port, many times in a row. After every restart nothing it
/// acknowledged is lost or unprovable, and the log re-verifies from the first entry (no half-written block).
/// Calls in flight at the kill may or may not have landed; either way the log stays whole.
/// Mirrors on other nodes catching up after the crashes is not covered here.
/// </summary>
public class CrashTests
{
    private const int Kills = 20;
    private const int Issuers = 32;
    private const int Seed = 20261122;
    private ChildNode? _node;

    /// <summary>On failure, the node's last log lines (the data folder is kept); otherwise the folder goes.</summary>
    [TearDown]
    public void DumpLogOrCleanUp()
    {
        if (_node is null)
        {
            return;
        }
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"data kept in {_node.DataDirectory}:{Environment.NewLine}{_node.LogTail()}");
        }
        else
        {
            Directory.Delete(_node.DataDirectory, recursive: true);
        }
    }

    [Test]
    [Category("Slow")]
    [CancelAfter(170_000)]
    public async Task SigKillUnderIssuance_TwentyTimesInARow_EveryAcknowledgedLicenceStaysProvableAndTheLogWhole()
    {
        var random = new Random(Seed);
        var data = Path.Combine(Path.GetTempPath(), "regional-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        await using var node = _node = new ChildNode(data, ChildNode.FreePort(), ["--Node:BlockIntervalMs=20"]);
        var receipts = new List<IssueReceipt>();
        var (failedInFlight, lastTreeSize, cyclesWithLoad) = (0, 0UL, 0);
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
            cyclesWithLoad += fresh.Count > 1 ? 1 : 0;
            lastTreeSize = log.TreeSize;
            TestContext.Out.WriteLine($"kill {kill}: {fresh.Count} acknowledged, tree size {log.TreeSize}, {clock.Elapsed.TotalSeconds:F1} s");
        }

        Assert.That(cyclesWithLoad, Is.GreaterThanOrEqualTo(Kills * 3 / 4), "kills that hit a node under load");
        TestContext.Out.WriteLine($"{Kills} kills, {receipts.Count} licences acknowledged and kept, {failedInFlight} calls in flight failed, " +
            $"{cyclesWithLoad} kills under load, tree size {lastTreeSize}, {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Issues licences one after another until a call fails (the kill); true when one failed.
    /// Every call that returned is kept as a receipt.</summary>
    private static async Task<bool> IssueUntilFailureAsync(NodeClient client, List<IssueReceipt> receipts)
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
