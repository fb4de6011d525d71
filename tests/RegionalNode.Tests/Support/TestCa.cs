using System.Net;
using System.Security.Cryptography.X509Certificates;
using Regional.Node.Security.Certificates;

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
