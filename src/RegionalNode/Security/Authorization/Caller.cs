using Grpc.Core;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Configuration;

namespace Regional.Node.Security.Authorization;

/// <summary>Who is calling, from the client certificate of the TLS handshake (already checked
/// against the federation CA by Kestrel): another region's node, a caller with a role, or nobody.</summary>
internal sealed record Caller(string? NodeRegion, ClientIdentity? Client, string Subject)
{
    /// <summary>The pseudo-role a region node's certificate acts in.</summary>
    public const string NodeRole = "node";

    /// <summary>The pseudo-role a read-only mirror node's certificate acts in: it reads the logs.</summary>
    public const string MirrorRole = "mirror";

    public static readonly Caller Nobody = new(null, null, "");

    /// <summary>The name of a read-only mirror node's certificate, else null.</summary>
    public string? MirrorName { get; init; }

    /// <summary>Why a certificate's urn:regional:client: URI names nobody (MALFORMED_IDENTITY,
    /// DEPARTMENT_OUTSIDE_REGION), else null.</summary>
    public string? Problem { get; init; }

    /// <summary>"node", "mirror", or the client's role, or null for a certificate that names nobody.</summary>
    public string? Role => NodeRegion is not null ? NodeRole : MirrorName is not null ? MirrorRole : Client?.Role;

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
        if (CertificateIdentity.TryMirror(certificate, out var mirror))
        {
            return new Caller(null, null, certificate.Subject) { MirrorName = mirror };
        }
        var client = CertificateIdentity.ReadClient(certificate, out var problem);
        return new Caller(null, client, certificate.Subject) { Problem = problem };
    }
}
