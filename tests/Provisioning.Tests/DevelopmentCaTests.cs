using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Regional.LicenseVerifier.Certificates;
using Regional.Provisioning.Tests.Support;

namespace Regional.Provisioning.Tests;

/// <summary>What the development CA issues: the CA itself, node, mirror and caller certificates with the
/// identities <see cref="CertificateIdentity"/> reads, and owner-only key files. That a node trusts them
/// for the right usages is RegionalNode.Tests' FederationCaTests.</summary>
[TestFixture]
public sealed class DevelopmentCaTests : TempFolderFixture
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void Create_Named_IsSelfSignedP256CaWithPathLengthZeroForTenYears()
    {
        // Act
        using var ca = DevelopmentCa.Create("Regional Dev CA", Now);

        // Assert
        var certificate = ca.Certificate;
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        using var key = certificate.GetECDsaPublicKey();
        Assert.That(certificate.Subject, Is.EqualTo(certificate.Issuer));
        Assert.That(certificate.Subject, Does.Contain("CN=Regional Dev CA"));
        Assert.That(constraints.CertificateAuthority && constraints.HasPathLengthConstraint && constraints.Critical, Is.True);
        Assert.That(constraints.PathLengthConstraint, Is.Zero);
        Assert.That(usage.KeyUsages, Is.EqualTo(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign));
        Assert.That(key!.ExportParameters(false).Curve.Oid.Value, Is.EqualTo(ECCurve.NamedCurves.nistP256.Oid.Value));
        Assert.That(certificate.NotAfter.ToUniversalTime(), Is.EqualTo(Now.AddDays(3650).UtcDateTime));
        Assert.That(certificate.HasPrivateKey, Is.True);
    }

    [Test]
    public void IssueNode_Region_ServerAndClientAuthWithNamesAddressesAndNodeUri()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", DateTimeOffset.UtcNow);

        // Act
        using var node = ca.IssueNode("bj", ["bj.regional.example"], [IPAddress.Parse("10.0.0.7")], DateTimeOffset.UtcNow);

        // Assert
        Assert.That(node.HasPrivateKey, Is.True);
        Assert.That(node.Issuer, Is.EqualTo(ca.Certificate.Subject));
        Assert.That(node.MatchesHostname("bj.regional.example"), Is.True);
        Assert.That(node.MatchesHostname("10.0.0.7"), Is.True);
        Assert.That(node.MatchesHostname("tj.regional.example"), Is.False);
        Assert.That(CertificateIdentity.UrisOf(node), Is.EqualTo(new[] { "urn:regional:node:bj" }));
        Assert.That(CertificateIdentity.TryNode(node, out var region) ? region : null, Is.EqualTo("bj"));
        Assert.That(Usages(node), Is.EquivalentTo(new[] { ServerAuth, ClientAuth }));
    }

    [Test]
    public void IssueMirror_Name_MirrorUriAndNoRegion()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", DateTimeOffset.UtcNow);

        // Act
        using var mirror = ca.IssueMirror("mirror-1", ["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow);

        // Assert
        Assert.That(CertificateIdentity.TryMirror(mirror, out var name) ? name : null, Is.EqualTo("mirror-1"));
        Assert.That(CertificateIdentity.TryNode(mirror, out _), Is.False, "a mirror is no region node");
        Assert.That(Usages(mirror), Is.EquivalentTo(new[] { ServerAuth, ClientAuth }));
    }

    [Test]
    public void IssueClient_Role_ClientAuthOnlyWithClientUri()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", DateTimeOffset.UtcNow);

        // Act
        using var client = ca.IssueClient("tj", "tj-amr", "issuer", "天津市场监管 licensing system", DateTimeOffset.UtcNow, "hexi-hall");

        // Assert
        Assert.That(client.Subject, Does.Contain("OU=tj-amr"));
        Assert.That(CertificateIdentity.UrisOf(client), Is.EqualTo(new[] { "urn:regional:client:tj:tj-amr:issuer:hexi-hall" }));
        Assert.That(CertificateIdentity.ReadClient(client, out var problem), Is.EqualTo(new ClientIdentity("tj", "tj-amr", "issuer", "hexi-hall")), problem);
        Assert.That(Usages(client), Is.EqualTo(new[] { ClientAuth }), "a caller cannot serve as a node");
    }

    [TestCase("bj", "bj-amr", "admin", "role")]
    [TestCase("bj", "tj-power", "clerk", "department")]
    [TestCase("bj", "amr", "issuer", "department")]
    [TestCase("bj", "", "issuer", "department")]
    [TestCase("bj", "a:b", "issuer", "department")]
    [TestCase("Bj", "bj-amr", "issuer", "region")]
    public void IssueClient_BadName_ThrowsNamingIt(string region, string department, string role, string parameter)
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", Now);

        // Act
        var error = Assert.Throws<ArgumentException>(() => ca.IssueClient(region, department, role, "x", Now));

        // Assert
        Assert.That(error!.ParamName, Is.EqualTo(parameter));
    }

    [Test]
    public void IssueNode_NearTheCaExpiry_EndsWithTheCa()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", Now);

        // Act
        using var node = ca.IssueNode("he", ["localhost"], [], Now.AddDays(3600));

        // Assert
        Assert.That(node.NotAfter, Is.EqualTo(ca.Certificate.NotAfter));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file modes")]
    [UnsupportedOSPlatform("windows")]
    public void Save_ThenLoad_KeyIsOwnerOnlyAndTheCaStillIssues()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", DateTimeOffset.UtcNow);
        var (certificatePath, keyPath) = (Path.Combine(Folder, "ca.crt"), Path.Combine(Folder, "ca.key"));

        // Act
        ca.Save(certificatePath, keyPath);
        using var loaded = DevelopmentCa.Load(certificatePath, keyPath);
        using var node = loaded.IssueNode("tj", ["localhost"], [], DateTimeOffset.UtcNow);

        // Assert
        Assert.That(File.GetUnixFileMode(keyPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.ReadAllText(keyPath), Does.StartWith("-----BEGIN PRIVATE KEY-----"));
        Assert.That(loaded.Certificate.RawData, Is.EqualTo(ca.Certificate.RawData));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.That(chain.Build(node), Is.True, "a certificate of the loaded CA chains to the saved one");
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file modes")]
    [UnsupportedOSPlatform("windows")]
    public void Load_KeyReadableByOthers_RefusedNamingTheFile()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", Now);
        var (certificatePath, keyPath) = (Path.Combine(Folder, "ca.crt"), Path.Combine(Folder, "ca.key"));
        ca.Save(certificatePath, keyPath);
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        // Act
        var error = Assert.Throws<FederationFileException>(() => DevelopmentCa.Load(certificatePath, keyPath));

        // Assert
        Assert.That(error!.Message, Does.StartWith($"CA key {keyPath}: got mode 0604, want 0600"));
    }

    [Test]
    public void Save_KeyFileExists_RefusesToOverwrite()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", Now);
        var keyPath = Path.Combine(Folder, "ca.key");
        File.WriteAllText(keyPath, "an older key");

        // Act + Assert
        Assert.Throws<IOException>(() => ca.Save(Path.Combine(Folder, "ca.crt"), keyPath));
        Assert.That(File.ReadAllText(keyPath), Is.EqualTo("an older key"));
    }

    [Test]
    public void SavePem_NodeCertificate_LoadsBackForTls()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", Now);
        using var node = ca.IssueNode("bj", ["localhost"], [], Now);
        var (certificatePath, keyPath) = (Path.Combine(Folder, "node.crt"), Path.Combine(Folder, "node.key"));

        // Act
        DevelopmentCa.SavePem(node, certificatePath, keyPath);
        using var loaded = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

        // Assert
        Assert.That(loaded.RawData, Is.EqualTo(node.RawData));
        Assert.That(loaded.HasPrivateKey, Is.True);
    }

    private static string?[] Usages(X509Certificate2 certificate) =>
        [.. certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value)];
}
