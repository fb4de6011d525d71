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
    public async Task ClusterUp_FiveRegions_AllServe_IssueInHdVerifyInXa()
    {
        // Arrange
        await using var cluster = new RunningCluster();
        await cluster.StartAsync("--regions", "bj,tj,he,hd,xa");

        // Act
        var status = await CliRun.InAsync(cluster.Directory, "cluster", "status");
        var issued = await CliRun.InAsync(cluster.Directory, "license", "issue", "--node", "hd", "--type", "business-licence", "--holder", "91110108MA01HDHD2X",
            "--field", "company_name=海淀示例科技有限公司", "--field", "credit_code=91110108MA01HDHD2X", "--field", "company_type=有限责任公司",
            "--field", "legal_representative=李四", "--field", "established_on=2021-03-01", "--field", "address=北京市海淀区示例路2号", "-q");
        var id = issued.Out.Trim();
        var verified = await Eventually.UntilAsync(() => CliRun.InAsync(cluster.Directory, "license", "verify", id, "--node", "xa"), r => r.Exit == 0);
        using var trust = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cluster.Directory, "trust.json")));
        var again = await CliRun.InAsync(cluster.Directory, "cluster", "up", "--regions", "bj,tj");

        // Assert
        Assert.That(status.Exit, Is.Zero, status.ToString());
        foreach (var region in new[] { "bj", "tj", "he", "hd", "xa" })
        {
            Assert.That(status.Out.Split('\n').Single(l => l.StartsWith(region + " ", StringComparison.Ordinal)), Does.Contain("SERVING"), region);
        }
        Assert.That(issued.Exit, Is.Zero, issued.ToString());
        Assert.That(id, Does.StartWith("HD-"));
        Assert.That(verified.Exit, Is.Zero, verified.ToString());
        Assert.That(verified.Out, Does.Contain("VALID"));
        Assert.That(trust.RootElement.GetProperty("witnessQuorum").GetInt32(), Is.EqualTo(2), "five regions default to a quorum of two");
        Assert.That(trust.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { "bj", "tj", "he", "hd", "xa" }));
        Assert.That(again.Exit, Is.Not.Zero, again.ToString());
        Assert.That(again.Err, Does.Contain("has the regions bj,tj,he,hd,xa"));
    }

    [Test]
    public async Task ClusterUp_BadRegions_RefusedBeforeAnythingIsMade()
    {
        // Arrange
        var folder = Path.Combine(Path.GetTempPath(), "regional-cli-tests", Guid.NewGuid().ToString("N"), "cluster");

        // Act
        var upper = await CliRun.InAsync(folder, "cluster", "up", "--regions", "bj,TJ");
        var twice = await CliRun.InAsync(folder, "cluster", "up", "--regions", "bj,bj");
        var quorum = await CliRun.InAsync(folder, "cluster", "up", "--regions", "bj,tj", "--witness-quorum", "2");

        // Assert
        Assert.That(upper.Exit, Is.EqualTo(2), upper.ToString());
        Assert.That(upper.Err, Does.Contain("--regions").And.Contain("lower-case letters"));
        Assert.That(twice.Exit, Is.EqualTo(2), twice.ToString());
        Assert.That(quorum.Exit, Is.EqualTo(2), quorum.ToString());
        Assert.That(quorum.Err, Does.Contain("--witness-quorum: got 2, want 0 to 1"));
        Assert.That(Directory.Exists(folder), Is.False, "nothing was made");
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
