using System.Net;
using Microsoft.Extensions.Configuration;
using Regional.LicenseVerifier.Certificates;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Federation;
using Regional.Node.Hosting;
using Regional.Node.Tests.Support;
using Regional.Node.Configuration;
using Regional.Node.Errors;

namespace Regional.Node.Tests.Hosting;

/// <summary>Node:Mode mirror: its settings, defaults, switches and certificate identity.</summary>
[TestFixture]
public sealed class MirrorModeOptionsTests
{
    [TestCase("replica", "mirror-1", null, "/ca.crt", "Node:Mode: got 'replica', want region or mirror")]
    [TestCase("mirror", null, null, "/ca.crt", "Node:MirrorName: got ''")]
    [TestCase("mirror", "Mirror_1", null, "/ca.crt", "Node:MirrorName: got 'Mirror_1'")]
    [TestCase("mirror", "mirror-1", "bj", "/ca.crt", "Node:Region: got 'bj' with Node:Mode mirror, want it unset")]
    [TestCase("mirror", "mirror-1", null, null, "Node:CaCertificatePath: unset with Node:Mode mirror")]
    public void Validate_BadMirrorSetting_FailsNamingTheOption(string mode, string? name, string? region, string? ca, string expected)
    {
        // Arrange
        var options = new NodeOptions { Mode = mode, MirrorName = name, Region = region, CaCertificatePath = ca, CertificatePath = "/m.crt", CertificateKeyPath = "/m.key" };
        new NodeOptionsDefaults().PostConfigure(null, options);

        // Act
        var result = new NodeOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain(expected));
    }

    [Test]
    public void Defaults_MirrorNamed_FolderAndNameFromItNoSigningKey()
    {
        // Arrange
        var options = new NodeOptions { Mode = "mirror", MirrorName = "mirror-1", CaCertificatePath = "/ca.crt", CertificatePath = "/m.crt", CertificateKeyPath = "/m.key" };

        // Act
        new NodeOptionsDefaults().PostConfigure(null, options);

        // Assert
        Assert.That(new NodeOptionsValidator().Validate(null, options).Succeeded, Is.True);
        Assert.That(options.DataDirectory, Is.EqualTo(Path.GetFullPath(Path.Combine("data", "mirror-1"))));
        Assert.That(options.Listen, Is.EqualTo("127.0.0.1:7200"));
        Assert.That(options.DisplayName, Is.EqualTo("mirror-1"));
        Assert.That(options.SigningKeyPath, Is.Null);
        Assert.That(options.Origin, Is.Null);
    }

    [Test]
    public void AddNodeConfiguration_ModeAndMirrorNameSwitches_SetTheOptions()
    {
        // Act
        var configuration = new ConfigurationBuilder().AddNodeConfiguration(["--mode", "mirror", "--mirror-name", "mirror-2"]).Build();

        // Assert
        Assert.That(configuration["Node:Mode"], Is.EqualTo("mirror"));
        Assert.That(configuration["Node:MirrorName"], Is.EqualTo("mirror-2"));
        Assert.That(NodeMode.IsMirror(configuration), Is.True);
    }

    [Test]
    public void ForMirror_NoTrustFile_StopsStartNamingTheOption()
    {
        // Act
        var error = Assert.Throws<NodeStartupException>(() => FederationContext.ForMirror(null, Suite.FromName("gm")!, "mirror-1"));

        // Assert
        Assert.That(error!.Message, Does.StartWith("Federation:TrustFile: unset with Node:Mode mirror"));
    }

    [Test]
    public void IssueMirror_Certificate_NamesAMirrorNotANode()
    {
        // Arrange
        using var ca = TestCa.Create();

        // Act
        using var certificate = ca.Authority.IssueMirror("mirror-1", ["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow);

        // Assert
        Assert.That(CertificateIdentity.TryMirror(certificate, out var name), Is.True);
        Assert.That(name, Is.EqualTo("mirror-1"));
        Assert.That(CertificateIdentity.TryNode(certificate, out _), Is.False);
        Assert.That(CertificateIdentity.TryClient(certificate, out _), Is.False);
    }
}
