using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Regional.LicenseVerifier.Certificates;

namespace Regional.LicenseVerifier.Tests.Certificates;

/// <summary>Who a certificate's SAN URI names: a node, a mirror, a caller, or nobody. Certificates
/// issued by the development CA are checked against these rules in Provisioning.Tests.</summary>
[TestFixture]
public sealed class CertificateIdentityTests
{
    [TestCase("bj")]
    [TestCase("he")]
    [TestCase("xiong-an-2")]
    public void TryNode_NodeCertificate_ReturnsRegion(string region)
    {
        // Arrange
        using var certificate = WithUris($"urn:regional:node:{region}");

        // Act
        var found = CertificateIdentity.TryNode(certificate, out var named);

        // Assert
        Assert.That(found, Is.True);
        Assert.That(named, Is.EqualTo(region));
        Assert.That(CertificateIdentity.TryClient(certificate, out _), Is.False, "a node certificate names no caller");
    }

    [TestCase("tj", "tj-amr", "issuer")]
    [TestCase("bj", "bj-housing", "clerk")]
    [TestCase("he", "he-audit-office", "auditor")]
    [TestCase("bj", "bj-gov-app", "holder-app")]
    public void TryClient_ClientCertificate_ReturnsIdentity(string region, string department, string role)
    {
        // Arrange
        using var certificate = WithUris($"urn:regional:client:{region}:{department}:{role}");

        // Act
        var found = CertificateIdentity.TryClient(certificate, out var identity);

        // Assert
        Assert.That(found, Is.True);
        Assert.That(identity, Is.EqualTo(new ClientIdentity(region, department, role)));
        Assert.That(identity!.ToString(), Is.EqualTo($"urn:regional:client:{region}:{department}:{role}"));
        Assert.That(CertificateIdentity.TryNode(certificate, out _), Is.False, "a caller's certificate names no node");
    }

    [TestCase("urn:regional:node:")]
    [TestCase("urn:regional:node:BJ")]
    [TestCase("urn:regional:node:-bj")]
    [TestCase("urn:regional:node:bj:extra")]
    [TestCase("urn:regional:node:bj%20")]
    [TestCase("urn:regional:nodes:bj")]
    [TestCase("urn:other:node:bj")]
    [TestCase("https://bj.regional.example/")]
    [TestCase("urn:regional:client:bj:amr")]
    [TestCase("urn:regional:client:bj:amr:admin")]
    [TestCase("urn:regional:client:bj::issuer")]
    [TestCase("urn:regional:client:bj:amr:issuer:x")]
    [TestCase("urn:regional:client:bj:AMR:issuer")]
    [TestCase("urn:regional:client:bj:bj-amr:issuer:x:y")]
    [TestCase("urn:regional:client:bj:bj-amr:issuer:X")]
    [TestCase("urn:regional:client:bj:tj-power:clerk")]
    [TestCase("urn:regional:client:bj:bj:clerk")]
    public void TryNodeAndTryClient_MalformedUri_NameNobody(string uri)
    {
        // Arrange
        using var certificate = WithUris(uri);

        // Act
        var node = CertificateIdentity.TryNode(certificate, out var region);
        var client = CertificateIdentity.TryClient(certificate, out var identity);

        // Assert
        Assert.That(CertificateIdentity.UrisOf(certificate), Is.EqualTo(new[] { uri }), "the URI is in the SAN as written");
        Assert.That(node, Is.False);
        Assert.That(region, Is.Null);
        Assert.That(client, Is.False);
        Assert.That(identity, Is.Null);
    }

    [TestCase("urn:regional:client:bj:tj-power:clerk", "DEPARTMENT_OUTSIDE_REGION")]
    [TestCase("urn:regional:client:tj:bj-natural-resources:issuer", "DEPARTMENT_OUTSIDE_REGION")]
    [TestCase("urn:regional:client:bj:bj-samr:root", "MALFORMED_IDENTITY")]
    public void ReadClient_DepartmentOfAnotherRegionOrMalformed_NamesNobodyAndSaysWhy(string uri, string reason)
    {
        // Arrange: a CA that signs a Tianjin department into a Beijing certificate must not make it Beijing's.
        using var certificate = WithUris(uri);

        // Act
        var identity = CertificateIdentity.ReadClient(certificate, out var problem);

        // Assert
        Assert.That(identity, Is.Null);
        Assert.That(problem, Is.EqualTo(reason));
    }

    [Test]
    public void ReadClient_WindowInTheUri_IsTheCertifiedWindow()
    {
        // Arrange
        using var certificate = WithUris("urn:regional:client:tj:tj-power:clerk:binhai-hall");

        // Act
        var identity = CertificateIdentity.ReadClient(certificate, out var problem);

        // Assert
        Assert.That(problem, Is.Null);
        Assert.That(identity, Is.EqualTo(new ClientIdentity("tj", "tj-power", "clerk", "binhai-hall")));
        Assert.That(identity!.ToString(), Is.EqualTo("urn:regional:client:tj:tj-power:clerk:binhai-hall"));
    }

    [Test]
    public void TryNode_TwoRegionalUris_NamesNobody()
    {
        // Arrange: a certificate claiming two regions is ambiguous.
        using var certificate = WithUris("urn:regional:node:bj", "urn:regional:node:tj");

        // Act
        var found = CertificateIdentity.TryNode(certificate, out _);

        // Assert
        Assert.That(found, Is.False);
    }

    [Test]
    public void TryNode_OtherUrisBesideOneRegionalUri_ReturnsRegion()
    {
        // Arrange
        using var certificate = WithUris("https://bj.regional.example/", "urn:regional:node:bj");

        // Act
        var found = CertificateIdentity.TryNode(certificate, out var region);

        // Assert
        Assert.That(found, Is.True);
        Assert.That(region, Is.EqualTo("bj"));
    }

    [Test]
    public void TryNode_NoSubjectAltName_NamesNobody()
    {
        // Arrange
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=urn:regional:node:bj", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        // Act
        var found = CertificateIdentity.TryNode(certificate, out _);

        // Assert: the identity is in the SAN, never the subject.
        Assert.That(found, Is.False);
    }

    [Test]
    public void TryMirror_MirrorUri_ReturnsNameAndNamesNoNode()
    {
        // Arrange
        using var certificate = WithUris("urn:regional:mirror:mirror-1");

        // Act
        var found = CertificateIdentity.TryMirror(certificate, out var name);

        // Assert: a mirror reads the logs but is no region node.
        Assert.That(found, Is.True);
        Assert.That(name, Is.EqualTo("mirror-1"));
        Assert.That(CertificateIdentity.TryNode(certificate, out _), Is.False);
    }

    [TestCase("bj-samr", "bj", true)]
    [TestCase("tj-power", "bj", false)]
    [TestCase("bj", "bj", false)]
    [TestCase("bj-", "bj", false)]
    [TestCase("bjx-samr", "bj", false)]
    public void IsDepartmentOf_Department_BelongsOnlyToItsPrefix(string department, string region, bool expected)
    {
        // Act
        var belongs = CertificateIdentity.IsDepartmentOf(department, region);

        // Assert
        Assert.That(belongs, Is.EqualTo(expected));
    }

    private static X509Certificate2 WithUris(params string[] uris)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var uri in uris)
        {
            names.AddUri(new Uri(uri));
        }
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
    }
}
