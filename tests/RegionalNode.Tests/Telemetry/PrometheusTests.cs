using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Regional.Node.Tests.Http;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint (Node:MetricsListen): the node's own metrics on their own plaintext
/// port, and nothing else there; the TLS port does not serve them.</summary>
public class PrometheusTests
{
    private TestNode _node = null!;
    private HttpClient _scraper = null!;
    private int _port;

    [OneTimeSetUp]
    public async Task Start()
    {
        _port = FreePort();
        _node = await TestNode.StartAsync(new TestNodeOptions { Settings = { ["Node:MetricsListen"] = $"127.0.0.1:{_port}" } });
        _scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}"), Timeout = TimeSpan.FromSeconds(30) };
        var client = new LicenseClient(_node.Channel);
        await client.IssueAsync();
        Assert.ThrowsAsync<RpcException>(() => client.Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = "BJ-nope" }).ResponseAsync);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _scraper.Dispose();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task Metrics_Scraped_TheNodesOwnMetricsInPrometheusText()
    {
        // Act
        using var response = await _scraper.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(text, Does.Match(@"(?m)^regional_log_size\{[^}]*\} [1-9]"));
        Assert.That(text, Does.Contain("regional_blocks_sealed_total"));
        Assert.That(text, Does.Contain("regional_seal_duration_seconds_bucket"));
        Assert.That(text, Does.Match("regional_calls_refused_total\\{[^}]*regional_error_reason=\"INVALID_ARGUMENT\"[^}]*\\} 1"));
    }

    [TestCase("/healthz")]
    [TestCase("/v1/ledger/checkpoint")]
    [TestCase("/openapi/v1.json")]
    public async Task MetricsPort_AnythingElse_NotFound(string path)
    {
        // Act
        using var response = await _scraper.GetAsync(path);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task TlsPort_Metrics_NotServed()
    {
        // Arrange
        using var client = HttpClients.For(_node, null);

        // Act
        using var response = await client.GetAsync("/metrics");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
