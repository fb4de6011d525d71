using Grpc.Core;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Consent;
using Regional.Node.Errors;
using Regional.Node.Federation.Transport;
using Regional.Node.Configuration;
using Regional.Node.Security.Authorization;

namespace Regional.Node.Relay;

/// <summary>Who may have a request relayed to another region: callers whose client certificate names
/// the issuer or clerk role. The issuing region then decides the access itself (sharing class, holder
/// consent) from the caller's context, which travels in the relayed call's headers.</summary>
internal static class RelayCaller
{
    /// <summary>Whether the caller is another region's node (a relayed request, answered locally only).</summary>
    public static bool IsPeerNode(ServerCallContext context) => PeerIdentity.NodeRegion(context) is not null;

    /// <summary>Checks the caller may be relayed; returns the headers that carry its access context
    /// (department, role, clerk, place) to the issuing region.</summary>
    /// <exception cref="NodeException">UNAUTHENTICATED without a client certificate; PERMISSION_DENIED for other roles.</exception>
    public static Metadata Require(ServerCallContext context, string region, string ownRegion)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate
            ?? throw NodeException.Unauthenticated(PeerIdentity.NoCertificateReason,
                $"a request for region {region}'s licence is relayed to that region: present a client certificate of the issuer or clerk role");
        if (!CertificateIdentity.TryClient(certificate, out var identity) || identity!.Role is not (ClientRoles.Issuer or ClientRoles.Clerk))
        {
            throw NodeException.PermissionDenied("ROLE_NOT_ALLOWED",
                $"relaying to region {region} needs the issuer or clerk role; got certificate '{certificate.Subject}'");
        }
        return AccessContext.Of(context, ownRegion)!.ToHeaders();
    }

    /// <summary>Call options for a relayed call: the caller's deadline if shorter than ours.</summary>
    public static CallOptions Options(ServerCallContext context, TimeSpan limit)
    {
        var ours = DateTime.UtcNow + limit;
        // Wait for a connection (up to the deadline) rather than failing fast while a peer's
        // connection is being re-established.
        return new CallOptions(deadline: context.Deadline < ours ? context.Deadline : ours, cancellationToken: context.CancellationToken)
            .WithWaitForReady();
    }
}
