using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Configuration;
using Regional.Node.Errors;

namespace Regional.Node.Security.Certificates;

/// <summary>
/// This node's TLS material, loaded once: its certificate with key (Node:CertificatePath, or the
/// development one) and, for mutual TLS, the federation CA (Node:CaCertificatePath). Kestrel serves the
/// certificate and checks callers against the CA; peer channels present it and check servers.
/// </summary>
internal sealed partial class FederationCredentials(IOptions<NodeOptions> options, TlsCertificateStore store, ILogger<FederationCredentials> logger)
{
    private readonly Lazy<X509Certificate2> _certificate = new(store.LoadOrCreate);
    private readonly Lazy<FederationCa?> _ca = new(() => string.IsNullOrEmpty(options.Value.CaCertificatePath)
        ? null
        : FederationCa.Load(options.Value.CaCertificatePath));

    /// <summary>The node's own certificate with its private key.</summary>
    public X509Certificate2 Certificate => _certificate.Value;

    /// <summary>The federation CA, or null when Node:CaCertificatePath is not set (no mutual TLS).</summary>
    public FederationCa? Ca => _ca.Value;

    /// <summary>The federation CA; for code that cannot work without it.</summary>
    /// <exception cref="InvalidOperationException">Node:CaCertificatePath is not set.</exception>
    public FederationCa RequireCa() => Ca ?? throw new InvalidOperationException(
        "federation needs Node:CaCertificatePath: the CA that issued the nodes' certificates (see `regional` set-up)");

    /// <summary>At start-up, with a CA: the node's own certificate must chain to it, allow serverAuth and
    /// clientAuth, and name this node's region, or peers would refuse it on first contact.</summary>
    /// <exception cref="NodeStartupException">It does not.</exception>
    public void CheckOwnCertificate()
    {
        if (Ca is not { } ca)
        {
            return;
        }
        var path = options.Value.CertificatePath;
        var region = options.Value.Region!;
        foreach (var usage in new[] { FederationCa.ServerAuth, FederationCa.ClientAuth })
        {
            if (!ca.Trusts(Certificate, usage, out var problem))
            {
                throw new NodeStartupException($"Node:CertificatePath: {path} is not trusted by the federation CA {ca.Path} "
                    + $"for {usage.FriendlyName}: {problem}");
            }
        }
        if (options.Value.IsMirror)
        {
            CheckMirrorCertificate(path);
        }
        else if (!CertificateIdentity.TryNode(Certificate, out var named) || named != region)
        {
            throw new NodeStartupException($"Node:CertificatePath: {path} names node '{named}' "
                + $"(want the SAN URI {CertificateIdentity.NodeUri(region)}); issue one for region {region}");
        }
        var thumbprint = Convert.ToHexStringLower(Certificate.GetCertHash(HashAlgorithmName.SHA256));
        LogMutualTls(ca.Certificate.Subject, ca.Path, thumbprint);
    }

    /// <summary>A mirror's certificate names it (urn:regional:mirror:&lt;name&gt;), never a region: a node
    /// certificate would let it witness and relay for that region.</summary>
    private void CheckMirrorCertificate(string? path)
    {
        var name = options.Value.MirrorName!;
        if (!CertificateIdentity.TryMirror(Certificate, out var named) || named != name)
        {
            throw new NodeStartupException($"Node:CertificatePath: {path} does not name mirror '{name}' "
                + $"(want the SAN URI {CertificateIdentity.MirrorUri(name)}); issue one with DevelopmentCa.IssueMirror (see docs/mirrors.md)");
        }
    }

    /// <summary>Kestrel's check of a caller's certificate: trusted for clientAuth by the CA, else refused.</summary>
    public bool AcceptClient(X509Certificate2 certificate)
    {
        if (Ca is not { } ca)
        {
            return false;
        }
        if (ca.Trusts(certificate, FederationCa.ClientAuth, out var problem))
        {
            return true;
        }
        LogRefusedClient(certificate.Subject, problem);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mutual TLS: callers may present certificates issued by {Ca} ({CaPath}); this node's certificate SHA-256 {Thumbprint}")]
    private partial void LogMutualTls(string ca, string caPath, string thumbprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a client certificate {Subject} at the TLS handshake: {Problem}")]
    private partial void LogRefusedClient(string subject, string problem);
}
