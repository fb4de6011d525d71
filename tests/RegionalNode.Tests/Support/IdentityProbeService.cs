using Grpc.Core;
using Regional.Node.Federation.Transport;
using Regional.Node.Configuration;
using Regional.Node.Security.Authorization;

namespace Regional.Node.Tests.Support;

/// <summary>Test-only gRPC service: reports the calling node's region as <see cref="PeerIdentity"/> reads it.</summary>
internal sealed class IdentityProbeService : IdentityProbe.IdentityProbeBase
{
    public override Task<WhoAmIResponse> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        var region = request.RequireNode ? PeerIdentity.RequireNode(context) : PeerIdentity.NodeRegion(context);
        return Task.FromResult(new WhoAmIResponse { NodeRegion = region ?? "" });
    }
}
