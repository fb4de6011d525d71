using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Regional.Node.Federation.Transport;
using Regional.Node.Tests.Support;
using Regional.Node.Configuration;

namespace Regional.Node.Tests.Security;

/// <summary>bj and tj nodes of one federation CA; tj dials bj with its PeerChannelFactory.</summary>
[TestFixture]
public sealed class PeerChannelFactoryTests
{
    private TestCa _ca = null!;
    private TestNodes _nodes = null!;

    [OneTimeSetUp]
    public async Task StartNodes()
    {
        _ca = TestCa.Create();
        _nodes = await TestNodes.StartAsync("gm", ["bj", "tj"], region => new TestNodeOptions
        {
            Region = region,
            Ca = _ca,
            Map = app => app.MapGrpcService<IdentityProbeService>(),
        });
    }

    [OneTimeTearDown]
    public async Task StopNodes()
    {
        await _nodes.DisposeAsync();
        _ca.Dispose();
    }

    [Test]
    public async Task Create_ExpectingTheServersRegion_CallsSucceed()
    {
        // Arrange
        var factory = _nodes["tj"].Services.GetRequiredService<PeerChannelFactory>();
        using var channel = factory.Create(_nodes["bj"].Address, "bj");

        // Act
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline());
        var identity = await new IdentityProbe.IdentityProbeClient(channel).WhoAmIAsync(new WhoAmIRequest { RequireNode = true }, deadline: Deadline());

        // Assert: bj served; bj saw tj's node certificate.
        Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
        Assert.That(identity.NodeRegion, Is.EqualTo("tj"));
    }

    [Test]
    public void Create_ExpectingAnotherRegion_RefusesTheServer()
    {
        // Arrange: bj's certificate is genuine but names bj, not tj.
        var tj = _nodes["tj"];
        var factory = tj.Services.GetRequiredService<PeerChannelFactory>();
        using var channel = factory.Create(_nodes["bj"].Address, "tj");

        // Act
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline()));

        // Assert
        Assert.That(error!.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal));
        Assert.That(tj.Logs.Contains($"Refused peer {_nodes["bj"].Address} as region tj: certificate names node 'bj', want 'tj'"), Is.True);
    }

    [Test]
    public async Task Create_ServerOfAnotherCa_RefusesTheServer()
    {
        // Arrange: a "bj" node whose certificate another CA issued.
        using var other = TestCa.Create();
        await using var impostor = await TestNode.StartAsync(new TestNodeOptions { Region = "bj", Ca = other });
        var tj = _nodes["tj"];
        var factory = tj.Services.GetRequiredService<PeerChannelFactory>();
        using var channel = factory.Create(impostor.Address, "bj");

        // Act
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline()));

        // Assert
        Assert.That(error!.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal));
        Assert.That(tj.Logs.Contains($"Refused peer {impostor.Address} as region bj: unable to get local issuer certificate"), Is.True);
    }

    [Test]
    public async Task Create_NoCaConfigured_ThrowsNamingTheOption()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(new TestNodeOptions { Region = "he" });
        var factory = node.Services.GetRequiredService<PeerChannelFactory>();

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => factory.Create(_nodes["bj"].Address, "bj"));

        // Assert
        Assert.That(error!.Message, Does.StartWith("federation needs Node:CaCertificatePath"));
    }

    [Test]
    public void ServiceConfig_RetriesUnavailableFourTimesInAll()
    {
        // Act
        var retry = PeerChannelFactory.ServiceConfig.MethodConfigs.Single().RetryPolicy!;

        // Assert
        Assert.That(retry.MaxAttempts, Is.EqualTo(4));
        Assert.That(retry.RetryableStatusCodes, Is.EqualTo(new[] { StatusCode.Unavailable }));
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(20);
}
