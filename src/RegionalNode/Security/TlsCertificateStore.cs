using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Regional.Provisioning;
using Regional.Node.Configuration;
using Regional.Node.Errors;
using Regional.Node.Telemetry;

namespace Regional.Node.Security;

/// <summary>
/// The node's TLS server certificate: the configured PEM pair, or else a self-signed development
/// certificate (ECDSA P-256, SAN localhost/127.0.0.1/::1) created once in &lt;data&gt;/tls/node.crt +
/// node.key and reused on later starts.
/// </summary>
internal sealed class TlsCertificateStore(IOptions<NodeOptions> options, TimeProvider clock, ILogger<TlsCertificateStore> logger)
{
    public const string CertificateFile = "node.crt";
    public const string KeyFile = "node.key";
    private static readonly TimeSpan DevelopmentValidity = TimeSpan.FromDays(5 * 365);

    /// <exception cref="NodeStartupException">A configured or generated file is missing or unreadable.</exception>
    public X509Certificate2 LoadOrCreate()
    {
        var node = options.Value;
        if (!node.UsesDevelopmentCertificate)
        {
            var configured = Load(node.CertificatePath!, node.CertificateKeyPath!);
            NodeLog.CertificateLoaded(logger, node.CertificatePath!, Thumbprint(configured));
            return configured;
        }
        var certificatePath = Path.Combine(node.TlsDirectory, CertificateFile);
        var keyPath = Path.Combine(node.TlsDirectory, KeyFile);
        if (File.Exists(certificatePath) || File.Exists(keyPath))
        {
            var existing = Load(certificatePath, keyPath);
            NodeLog.DevelopmentCertificateReused(logger, certificatePath, Thumbprint(existing));
            return existing;
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var created = CreateSelfSigned(key, node.Region!, clock.GetUtcNow());
        OwnerOnlyFile.WriteNew(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, created.ExportCertificatePem() + "\n");
        var loaded = Load(certificatePath, keyPath);
        NodeLog.DevelopmentCertificateCreated(logger, certificatePath, keyPath, Thumbprint(loaded), loaded.NotAfter.ToUniversalTime());
        return loaded;
    }

    private static X509Certificate2 CreateSelfSigned(ECDsa key, string region, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN=regional-{region} development, O=Regional", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(DevelopmentValidity));
    }

    private static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        foreach (var path in new[] { certificatePath, keyPath })
        {
            if (!File.Exists(path))
            {
                throw new NodeStartupException($"TLS: {path} is missing; want both {certificatePath} and {keyPath} (PEM), "
                    + "or neither in the data folder's tls/ to have a development certificate created");
            }
        }
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException ex)
        {
            throw new NodeStartupException($"TLS: cannot load {certificatePath} with key {keyPath}: {ex.Message}", ex);
        }
    }

    private static string Thumbprint(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
}
