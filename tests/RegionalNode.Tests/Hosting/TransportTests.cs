using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Hosting;

[TestFixture]
public sealed class TransportTests
{
    [Test]
    public async Task HealthCheck_OverPinnedTls_ReturnsServing()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var client = new Health.HealthClient(node.Channel);

        // Act
        var response = await client.CheckAsync(new HealthCheckRequest(), deadline: Deadline());

        // Assert
        Assert.That(node.Address.Scheme, Is.EqualTo("https"));
        Assert.That(response.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }

    [Test]
    public async Task HealthCheck_InsecureNodeOverH2c_ReturnsServingAndWarns()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(new TestNodeOptions { Insecure = true });
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.Port}");

        // Act
        var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline());

        // Assert
        Assert.That(response.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
        Assert.That(node.Logs.Lines.Any(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("WITHOUT TLS", StringComparison.Ordinal)));
    }

    [Test]
    public async Task HealthCheck_PlaintextClientAgainstTlsNode_Fails()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{node.Port}");

        // Act
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline()));

        // Assert
        Assert.That(error!.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal));
    }

    [Test]
    public async Task HealthCheck_ClientTrustingAnotherCertificate_Fails()
    {
        // Arrange: b's channel pins b's certificate, not a's.
        await using var nodes = await TestNodes.StartAsync("bj", "tj");
        var (a, b) = (nodes["bj"], nodes["tj"]);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate!.GetRawCertData().AsSpan().SequenceEqual(b.Certificate!.RawData);
        using var channel = GrpcChannel.ForAddress(a.Address, new GrpcChannelOptions { HttpHandler = handler });

        // Act
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline()));

        // Assert
        Assert.That(error!.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal));
        Assert.That(a.Port, Is.Not.EqualTo(b.Port));
    }

    [Test]
    public async Task ListServices_Reflection_IncludesHealthService()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        using var call = new ServerReflection.ServerReflectionClient(node.Channel).ServerReflectionInfo(deadline: Deadline());

        // Act
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        // Assert
        Assert.That(services, Does.Contain("grpc.health.v1.Health"));
    }

    [Test]
    public async Task StartAsync_ThreeRegions_EachServesOnItsOwnPort()
    {
        // Arrange
        await using var nodes = await TestNodes.StartAsync("intl", ["bj", "tj", "he"]);

        // Act
        var statuses = new List<HealthCheckResponse.Types.ServingStatus>();
        foreach (var node in nodes.All)
        {
            statuses.Add((await new Health.HealthClient(node.Channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline())).Status);
        }

        // Assert
        Assert.That(statuses, Is.All.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
        Assert.That(nodes.All.Select(n => n.Port).Distinct().Count(), Is.EqualTo(3));
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(20);
}
