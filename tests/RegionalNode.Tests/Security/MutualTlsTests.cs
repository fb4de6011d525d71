using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Regional.Node.Federation.Transport;
using Regional.Node.Tests.Support;
using Regional.Node.Configuration;
using Regional.Node.Security.Authorization;

namespace Regional.Node.Tests.Security;

/// <summary>A bj node with a CA-issued certificate that trusts the CA for client certificates; callers
/// present a tj node certificate, a caller's certificate, one from another CA, or none.</summary>
[TestFixture]
public sealed class MutualTlsTests
{
    private TestCa _ca = null!;
    private TestNode _node = null!;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _ca = TestCa.Create();
        _node = await TestNode.StartAsync(new TestNodeOptions
        {
            Region = "bj",
            Ca = _ca,
            Map = app => app.MapGrpcService<IdentityProbeService>(),
        });
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        await _node.DisposeAsync();
        _ca.Dispose();
    }

    [Test]
    public async Task HealthCheck_CaIssuedServerCertificate_ReturnsServing()
    {
        // Act
        var response = await new Health.HealthClient(_node.Channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline());

        // Assert
        Assert.That(_node.Certificate!.Issuer, Is.EqualTo(_ca.Certificate.Subject));
        Assert.That(response.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
        Assert.That(_node.Logs.Contains("Mutual TLS: callers may present certificates issued by"), Is.True);
    }

    [Test]
    public async Task NodeRegion_TjNodeCertificate_IsTj()
    {
        // Arrange
        using var tj = _ca.IssueNode("tj");
        using var channel = _node.CreateChannel(tj);

        // Act
        var response = await new IdentityProbe.IdentityProbeClient(channel).WhoAmIAsync(new WhoAmIRequest { RequireNode = true }, deadline: Deadline());

        // Assert
        Assert.That(response.NodeRegion, Is.EqualTo("tj"));
    }

    [Test]
    public async Task NodeRegion_NoCertificate_IsNullAndRequireNodeIsUnauthenticated()
    {
        // Arrange: the node allows callers without a certificate; RPCs decide.
        using var anonymous = _node.CreateChannel();
        var client = new IdentityProbe.IdentityProbeClient(anonymous);

        // Act
        var response = await client.WhoAmIAsync(new WhoAmIRequest(), deadline: Deadline());
        var error = Assert.ThrowsAsync<RpcException>(async () => await client.WhoAmIAsync(new WhoAmIRequest { RequireNode = true }, deadline: Deadline()));

        // Assert
        Assert.That(response.NodeRegion, Is.Empty);
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(error.Status.Detail, Is.EqualTo("no client certificate: this call is for regional nodes"));
    }

    [Test]
    public async Task RequireNode_CallersCertificate_IsPermissionDenied()
    {
        // Arrange: a trusted certificate, but a caller's, not a node's.
        using var clerk = _ca.IssueClient("bj", "bj-housing", "clerk");
        using var channel = _node.CreateChannel(clerk);
        var client = new IdentityProbe.IdentityProbeClient(channel);

        // Act
        var response = await client.WhoAmIAsync(new WhoAmIRequest(), deadline: Deadline());
        var error = Assert.ThrowsAsync<RpcException>(async () => await client.WhoAmIAsync(new WhoAmIRequest { RequireNode = true }, deadline: Deadline()));

        // Assert
        Assert.That(response.NodeRegion, Is.Empty);
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(error.Status.Detail, Does.StartWith("certificate names no region node"));
    }

    [Test]
    public void WhoAmI_NodeCertificateFromAnotherCa_RefusedAtTheHandshake()
    {
        // Arrange: the same region and CA name, but another CA key.
        using var other = TestCa.Create();
        using var impostor = other.IssueNode("tj");
        using var channel = _node.CreateChannel(impostor);

        // Act
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await new IdentityProbe.IdentityProbeClient(channel).WhoAmIAsync(new WhoAmIRequest { RequireNode = true }, deadline: Deadline()));

        // Assert
        Assert.That(error!.StatusCode, Is.AnyOf(StatusCode.Unavailable, StatusCode.Internal));
        Assert.That(_node.Logs.Contains("Refused a client certificate CN=regional-node-tj"), Is.True);
    }

    [Test]
    public void PeerIdentity_RequireNodeReason_IsStable()
    {
        // Assert: programs match on these ErrorInfo reasons.
        Assert.That(PeerIdentity.NoCertificateReason, Is.EqualTo("CLIENT_CERTIFICATE_REQUIRED"));
        Assert.That(PeerIdentity.NotANodeReason, Is.EqualTo("NOT_A_REGION_NODE"));
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(20);
}
