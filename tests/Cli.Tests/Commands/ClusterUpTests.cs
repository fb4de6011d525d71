using System.Diagnostics;
using System.Text.Json;
using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>`cluster up` as the operator's drills use it: a node that stops leaves the others serving.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ClusterUpTests
{
    [Test]
    public async Task ClusterUp_OneNodeKilled_OthersKeepServingUntilCancelled()
    {
        // Arrange
        await using var cluster = new RunningCluster();
        await cluster.StartAsync();
        using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cluster.Directory, "cluster.json")));
        var bj = state.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("region").GetString() == "bj").GetProperty("pid").GetInt32();

        // Act
        using (var process = Process.GetProcessById(bj))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        // Assert: up says so and keeps tj and he serving.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!cluster.UpError.Contains("node bj stopped", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.That(cluster.UpError, Does.Contain("node bj stopped").And.Contain("tj and he keep running"));
        var status = await CliRun.InAsync(cluster.Directory, "ledger", "status", "--node", "tj");
        Assert.That(status.Exit, Is.Zero, status.ToString());
        var table = await CliRun.InAsync(cluster.Directory, "cluster", "status");
        Assert.That(table.Out.Split('\n').Single(l => l.StartsWith("tj ", StringComparison.Ordinal)), Does.Contain("SERVING"));
        Assert.That(table.Out.Split('\n').Single(l => l.StartsWith("bj ", StringComparison.Ordinal)), Does.Contain("UNREACHABLE"));
    }
}
