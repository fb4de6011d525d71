using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Regional.Provisioning;

namespace Regional.Node.Tests.Support;

/// <summary>
/// A federation CA for tests: a <see cref="DevelopmentCa"/> whose certificate is saved in its own
/// temporary folder. Give it to <see cref="TestNodeOptions.Ca"/> and the node is started with a
/// certificate it issued (SANs localhost, 127.0.0.1, ::1 and urn:regional:node:&lt;region&gt;) and
/// trusts it for mutual TLS. Certificates are dated by the system clock, as TLS checks them.
/// </summary>
public sealed class TestCa : IDisposable
{
    private TestCa(DevelopmentCa ca, string directory)
    {
        Authority = ca;
        Directory = directory;
    }

    /// <summary>The temporary folder of ca.crt and ca.key.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate's PEM file: what Node:CaCertificatePath points at.</summary>
    public string CertificatePath => Path.Combine(Directory, "ca.crt");

    public X509Certificate2 Certificate => Authority.Certificate;

    internal DevelopmentCa Authority { get; }

    public static TestCa Create(string name = "Regional Test CA")
    {
        var directory = Path.Combine(Path.GetTempPath(), "regional-tests", $"ca-{Guid.NewGuid():N}");
        var ca = DevelopmentCa.Create(name, DateTimeOffset.UtcNow);
        ca.Save(Path.Combine(directory, "ca.crt"), Path.Combine(directory, "ca.key"));
        return new TestCa(ca, directory);
    }

    /// <summary>A node certificate for region, valid for the loopback names.</summary>
    public X509Certificate2 IssueNode(string region) =>
        Authority.IssueNode(region, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback], DateTimeOffset.UtcNow);

    /// <summary>A caller's certificate (role: issuer, clerk, auditor, holder-app).</summary>
    public X509Certificate2 IssueClient(string region, string department, string role, string? window = null) =>
        Authority.IssueClient(region, department, role, $"{department} {role}", DateTimeOffset.UtcNow, window);

    /// <summary>A certificate this CA signs with any subject and SAN URI, bypassing <see cref="DevelopmentCa"/>'s
    /// checks: what a careless or compromised CA operator would issue, for the attack tests.</summary>
    public X509Certificate2 IssueForged(string uri, string commonName = "attacker", bool serverAuth = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(new Uri(uri));
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Certificate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Issues a node certificate for region into folder (federation.crt, federation.key) unless one
    /// is there already, and returns the node settings that use it and trust this CA.</summary>
    public IReadOnlyDictionary<string, string> NodeSettings(string region, string folder)
    {
        var certificatePath = Path.Combine(folder, "federation.crt");
        var keyPath = Path.Combine(folder, "federation.key");
        if (!File.Exists(certificatePath))
        {
            using var certificate = IssueNode(region);
            DevelopmentCa.SavePem(certificate, certificatePath, keyPath);
        }
        return new Dictionary<string, string>
        {
            ["Node:CertificatePath"] = certificatePath,
            ["Node:CertificateKeyPath"] = keyPath,
            ["Node:CaCertificatePath"] = CertificatePath,
        };
    }

    public void Dispose()
    {
        Authority.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the test.
        }
    }
}
