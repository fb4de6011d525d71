using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Regional.LicenseVerifier.Certificates;

namespace Regional.Provisioning;

/// <summary>
/// A development certificate authority for a federation: one self-signed ECDSA P-256 CA (10 years,
/// path length 0) that issues node certificates (serverAuth + clientAuth, urn:regional:node:&lt;region&gt;)
/// and caller certificates (clientAuth, urn:regional:client:&lt;region&gt;:&lt;department&gt;:&lt;role&gt;).
/// </summary>
/// <remarks>ECDSA P-256, not SM2: .NET's TLS stack cannot use SM2 certificates. The logs' signatures
/// stay SM2 (suite gm); only the transport uses P-256. The identities it writes are the ones
/// <see cref="CertificateIdentity"/> reads. Not thread-safe; dispose to drop the CA key.</remarks>
public sealed class DevelopmentCa : IDisposable
{
    /// <summary>How long the CA certificate is valid: 10 years.</summary>
    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);

    /// <summary>How long a node or mirror certificate is valid (825 days), at most until the CA expires.</summary>
    public static readonly TimeSpan NodeValidity = TimeSpan.FromDays(825);

    /// <summary>How long a caller's certificate is valid (a year), at most until the CA expires.</summary>
    public static readonly TimeSpan ClientValidity = TimeSpan.FromDays(365);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private DevelopmentCa(X509Certificate2 certificate)
    {
        Certificate = certificate;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A new CA named "CN=&lt;name&gt;, O=Regional", valid from now (less 5 minutes' skew) for 10 years.</summary>
    public static DevelopmentCa Create(string name, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(name, unit: null), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(now - ClockSkew, now + CaValidity);
        return new DevelopmentCa(Reload(created));
    }

    /// <summary>Loads a CA saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidOperationException">The certificate is not a CA or has no private key.</exception>
    /// <exception cref="FederationFileException">The key file is readable by group or others.</exception>
    public static DevelopmentCa Load(string certPemPath, string keyPemPath)
    {
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certPemPath), OwnerOnlyFile.Read(keyPemPath, "CA key"));
        if (!IsCa(certificate) || certificate.GetECDsaPrivateKey() is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{certPemPath}: not an ECDSA CA certificate with a key in {keyPemPath}");
        }
        return new DevelopmentCa(certificate);
    }

    /// <summary>Writes the CA certificate (PEM) and its key (PKCS#8 PEM, mode 0600; never overwritten).</summary>
    public void Save(string certPath, string keyPath) => SavePem(Certificate, certPath, keyPath);

    /// <summary>A node certificate for a region, for the given host names and addresses.</summary>
    public X509Certificate2 IssueNode(string region, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, DateTimeOffset now)
    {
        RequireName(region, nameof(region));
        var names = ServerNames(dnsNames, addresses, CertificateIdentity.NodeUri(region));
        return Issue(Subject($"regional-node-{region}", "node"), names, [ServerAuth, ClientAuth], now, NodeValidity);
    }

    /// <summary>A read-only mirror node's certificate (serverAuth for its callers, clientAuth to follow the
    /// regions), naming urn:regional:mirror:&lt;name&gt; and not a region: peers let it read, nothing more.</summary>
    public X509Certificate2 IssueMirror(string name, IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, DateTimeOffset now)
    {
        RequireName(name, nameof(name));
        var names = ServerNames(dnsNames, addresses, CertificateIdentity.MirrorUri(name));
        return Issue(Subject($"regional-mirror-{name}", "mirror"), names, [ServerAuth, ClientAuth], now, NodeValidity);
    }

    /// <summary>A caller's certificate: a department of a region acting in a role (<see cref="ClientRoles"/>),
    /// optionally at one service window of the department.</summary>
    public X509Certificate2 IssueClient(string region, string department, string role, string subjectName, DateTimeOffset now, string? window = null)
    {
        RequireName(region, nameof(region));
        RequireName(department, nameof(department));
        if (!CertificateIdentity.IsDepartmentOf(department, region))
        {
            throw new ArgumentException($"got '{department}', want a department of region {region} ('{region}-...')", nameof(department));
        }
        if (!string.IsNullOrEmpty(window))
        {
            RequireName(window, nameof(window));
        }
        if (!ClientRoles.IsKnown(role))
        {
            throw new ArgumentException($"got '{role}', want one of {ClientRoles.Names}", nameof(role));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectName);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(CertificateIdentity.ClientUri(region, department, role, window)));
        return Issue(Subject(subjectName, department), names, [ClientAuth], now, ClientValidity);
    }

    /// <summary>Writes a certificate (PEM) and its private key (PKCS#8 PEM, mode 0600; never overwritten).</summary>
    public static void SavePem(X509Certificate2 cert, string certPath, string keyPath)
    {
        using var key = cert.GetECDsaPrivateKey() ?? throw new ArgumentException("want a certificate with its ECDSA private key", nameof(cert));
        OwnerOnlyFile.WriteNew(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(certPath, cert.ExportCertificatePem() + "\n");
    }

    /// <summary>Drops the CA's certificate and key.</summary>
    public void Dispose() => Certificate.Dispose();

    private static bool IsCa(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private static Oid ServerAuth => new("1.3.6.1.5.5.7.3.1");

    private static Oid ClientAuth => new("1.3.6.1.5.5.7.3.2");

    private X509Certificate2 Issue(X500DistinguishedName subject, SubjectAlternativeNameBuilder names, Oid[] usages,
        DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], false));
        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var notAfter = now + validity < Certificate.NotAfter ? now + validity : new DateTimeOffset(Certificate.NotAfter);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Certificate, now - ClockSkew, notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>The SAN of a server (node or mirror): its host names and addresses, and its identity URI.</summary>
    private static SubjectAlternativeNameBuilder ServerNames(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, string identity)
    {
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }
        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }
        names.AddUri(new Uri(identity));
        return names;
    }

    private static X500DistinguishedName Subject(string commonName, string? unit)
    {
        // Added most specific first, so that Subject reads "CN=..., OU=..., O=Regional".
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        if (unit is not null)
        {
            builder.AddOrganizationalUnitName(unit);
        }
        builder.AddOrganizationName("Regional");
        return builder.Build();
    }

    private static void RequireName(string name, string parameter)
    {
        if (!CertificateIdentity.IsName(name))
        {
            throw new ArgumentException($"got '{name}', want lower-case letters, digits and '-' (1..32)", parameter);
        }
    }

    /// <summary>A detached copy through PEM: its key outlives the ECDsa object it was made with.</summary>
    private static X509Certificate2 Reload(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        return X509Certificate2.CreateFromPem(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
