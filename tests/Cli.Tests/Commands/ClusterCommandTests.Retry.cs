using System.Net;
using System.Net.Sockets;
using Regional.Cli.Connection;
using Regional.Cli.Tests.Support;
using Regional.V1;

namespace Regional.Cli.Tests.Commands;

/// <summary>Deadlines and retries: a lost answer is retried with the same request id and issues once;
/// a node that does not answer ends the call at --timeout.</summary>
public sealed partial class ClusterCommandTests
{
    [Test]
    public async Task LicenseIssue_ConnectionDroppedBeforeTheAnswer_RetriedAndIssuedOnce()
    {
        // Arrange: a proxy before bj that, once, passes the issue request (the only one over 6 KB: a long
        // address) and drops the connection before bj's answer comes back.
        var bj = NodeTarget.Resolve("bj", Dir, null);
        await using var proxy = FaultProxy.Start(bj.Endpoint.Host, bj.Endpoint.Port);
        proxy.DropAnswerOnce(requestBytes: 6000, hold: TimeSpan.FromSeconds(1.5));
        var holder = $"91110105MA{Random.Shared.Next(10_000_000, 99_999_999)}";
        string[] fields = [.. Fields().Select(f => f.StartsWith("address=", StringComparison.Ordinal) ? "address=" + new string('北', 3000) : f)];

        // Act
        var result = await CliRun.ThroughAsync(target => NodeChannels.Open(target with { Endpoint = proxy.Endpoint }), Dir,
            ["license", "issue", "--type", "business-licence", "--holder", holder, .. fields, "-q", "--verbose"]);

        // Assert
        Assert.That(result.Exit, Is.Zero, result.ToString());
        Assert.That(result.Err, Does.Contain("request id cli-").And.Contain("IssueLicense failed with UNAVAILABLE").And.Contain("attempt 2"));
        Assert.That(proxy.Accepted, Is.GreaterThanOrEqualTo(2), "the retry came over a new connection");
        using var channel = NodeChannels.Open(bj);
        var held = await new LicenseService.LicenseServiceClient(channel).QueryLicensesAsync(new QueryLicensesRequest { HolderId = holder });
        Assert.That(held.Licenses.Select(l => l.LicenseId), Is.EqualTo(new[] { result.Out.Trim() }), "issued once, and the answer is that licence");
    }

    [Test]
    public async Task LicenseVerify_NodeNeverAnswers_EndsAtTimeoutWithExitThree()
    {
        // Arrange: a port that accepts connections and never says anything.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"https://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Act
        var result = await CliRun.InAsync(Dir, "license", "verify", "BJ-2026-000001", "--node", url, "--timeout", "1.5");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(3), result.ToString());
        Assert.That(result.Err, Does.Contain("did not answer in time (--timeout 1.5 s)"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }
}
