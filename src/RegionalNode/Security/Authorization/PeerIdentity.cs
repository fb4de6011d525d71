using Grpc.Core;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Errors;
using Regional.Node.Configuration;

namespace Regional.Node.Security.Authorization;

/// <summary>
/// Which regional node is calling: the region named by the client certificate it presented in the TLS
/// handshake. Kestrel has already checked that certificate against the federation CA (a certificate
/// from any other CA fails the handshake), so here only its identity is read.
/// </summary>
internal static class PeerIdentity
{
    public const string NoCertificateReason = "CLIENT_CERTIFICATE_REQUIRED";
    public const string NotANodeReason = "NOT_A_REGION_NODE";

    /// <summary>The calling node's region, or null when the caller presented no certificate or one that
    /// names no node (a caller's certificate, say).</summary>
    public static string? NodeRegion(ServerCallContext context)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        return certificate is not null && CertificateIdentity.TryNode(certificate, out var region) ? region : null;
    }

    /// <summary>The calling node's region, for RPCs only nodes may call.</summary>
    /// <exception cref="NodeException">UNAUTHENTICATED without a client certificate; PERMISSION_DENIED when
    /// the certificate names no regional node.</exception>
    public static string RequireNode(ServerCallContext context)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate
            ?? throw NodeException.Unauthenticated(NoCertificateReason, "no client certificate: this call is for regional nodes");
        return CertificateIdentity.TryNode(certificate, out var region)
            ? region
            : throw NodeException.PermissionDenied(NotANodeReason, $"certificate names no region node: got '{certificate.Subject}'");
    }
}
