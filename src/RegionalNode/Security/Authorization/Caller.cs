using Grpc.Core;
using Regional.Node.Security.Certificates;

namespace Regional.Node.Security.Authorization;

/// <summary>Who is calling, from the client certificate of the TLS handshake (already checked
/// against the federation CA by Kestrel): another region's node, a caller with a role, or nobody.</summary>
internal sealed record Caller(string? NodeRegion, ClientIdentity? Client, string Subject)
{
    /// <summary>The pseudo-role a region node's certificate acts in.</summary>
    public const string NodeRole = "node";

    public static readonly Caller Nobody = new(null, null, "");

    /// <summary>"node", or the client's role, or null for a certificate that names nobody.</summary>
    public string? Role => NodeRegion is not null ? NodeRole : Client?.Role;

    public static Caller Of(ServerCallContext context)
    {
        var certificate = context.GetHttpContext().Connection.ClientCertificate;
        if (certificate is null)
        {
            return Nobody;
        }
        if (CertificateIdentity.TryNode(certificate, out var region))
        {
            return new Caller(region, null, certificate.Subject);
        }
        return CertificateIdentity.TryClient(certificate, out var client)
            ? new Caller(null, client, certificate.Subject)
            : new Caller(null, null, certificate.Subject);
    }
}
