using System.Security.Cryptography.X509Certificates;
using Regional.LicenseVerifier.Certificates;

namespace Regional.Cli.Connection;

/// <summary>
/// Whether a server's certificate (already chained to the cluster CA) is the node the CLI asked for:
/// it must allow server authentication and name, in its subjectAltName, urn:regional:node:&lt;region&gt; for
/// the region asked for, or, when a URL was given, some region node or read-only mirror node. Node-to-node
/// channels check the same (PeerIdentity); the CLI would otherwise hand a clerk's credentials and a
/// holder's data to any certificate holder of the CA posing as bj.
/// </summary>
internal static class ServerIdentity
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>Why the certificate is not the node asked for, or null when it is.</summary>
    public static string? Problem(X509Certificate certificate, string? region)
    {
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var names = string.Join(", ", CertificateIdentity.UrisOf(server));
        var says = names.Length > 0 ? $"its certificate names {names}" : "its certificate names nobody";
        var want = region is not null
            ? $"want urn:regional:node:{region}"
            : "want a region node (urn:regional:node:<region>) or a mirror node (urn:regional:mirror:<name>)";
        if (!AllowsServerAuth(server))
        {
            return $"{says} and is not for server authentication; {want}";
        }
        var isNode = CertificateIdentity.TryNode(server, out var node);
        var matches = region is not null ? isNode && node == region : isNode || CertificateIdentity.TryMirror(server, out _);
        return matches ? null : $"{says}; {want}";
    }

    private static bool AllowsServerAuth(X509Certificate2 certificate)
    {
        var usage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        return usage is null || usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == ServerAuth);
    }
}

/// <summary>The server answered with a CA-issued certificate that is not the node asked for.</summary>
internal sealed class NotTheNodeException(Uri endpoint, string problem)
    : Exception($"the server at {endpoint} is not the node asked for: {problem}");
