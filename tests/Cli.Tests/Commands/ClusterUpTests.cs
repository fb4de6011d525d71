using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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

    [Test]
    public async Task ClusterUp_PortTaken_NamedBeforeAnyNodeStarts()
    {
        // Arrange: something else listens where tj would.
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = ((IPEndPoint)other.LocalEndpoint).Port;
        var folder = Path.Combine(Path.GetTempPath(), "regional-cli-tests", Guid.NewGuid().ToString("N"), "cluster");

        // Act
        var result = await CliRun.InAsync(folder, "cluster", "up", "--port", (taken - 1).ToString(CultureInfo.InvariantCulture));

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.Contain($"{taken} (tj)").And.Contain("already in use").And.Contain("no node was started").And.Contain("--port"));
        Assert.That(Directory.Exists(Path.Combine(folder, "logs")) || File.Exists(Path.Combine(folder, "cluster.json")), Is.False, "no node was started");
    }
}
