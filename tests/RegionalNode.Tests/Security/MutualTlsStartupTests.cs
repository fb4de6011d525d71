using Microsoft.Extensions.Options;
using Regional.Node.Security.Certificates;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Security;

/// <summary>A node given Node:CaCertificatePath refuses to start with TLS material its peers would refuse.</summary>
[TestFixture]
public sealed class MutualTlsStartupTests
{
    private TestCa _ca = null!;

    [OneTimeSetUp]
    public void CreateCa() => _ca = TestCa.Create();

    [OneTimeTearDown]
    public void DisposeCa() => _ca.Dispose();

    [Test]
    public async Task Start_CaWithoutOwnCertificate_FailsNamingCertificatePath()
    {
        // Arrange: a self-signed development certificate could not be checked by any peer.
        await using var node = TestNode.Create(new TestNodeOptions { Settings = { ["Node:CaCertificatePath"] = _ca.CertificatePath } });

        // Act
        var error = Assert.ThrowsAsync<OptionsValidationException>(node.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain("Node:CertificatePath: unset with Node:CaCertificatePath"));
    }

    [Test]
    public async Task Start_CaWithInsecure_FailsNamingBoth()
    {
        // Arrange
        await using var node = TestNode.Create(new TestNodeOptions { Insecure = true, Ca = _ca });

        // Act
        var error = Assert.ThrowsAsync<OptionsValidationException>(node.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain("Node:CaCertificatePath").And.Contain("Node:Insecure"));
    }

    [Test]
    public async Task Start_CertificateForAnotherRegion_FailsNamingTheRegion()
    {
        // Arrange: bj configured with tj's certificate.
        await using var node = TestNode.Create(new TestNodeOptions { Region = "bj" });
        var settings = _ca.NodeSettings("tj", node.DataDirectory);
        await using var wrong = TestNode.Create(new TestNodeOptions { Region = "bj", Settings = new Dictionary<string, string>(settings) });

        // Act
        var error = Assert.CatchAsync(wrong.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain("names node 'tj'").And.Contain("urn:regional:node:bj"));
    }

    [Test]
    public async Task Start_CertificateOfAnotherCa_FailsNamingTheCa()
    {
        // Arrange: the node's certificate comes from one CA, the trusted CA is another.
        using var other = TestCa.Create("Other CA");
        await using var node = TestNode.Create(new TestNodeOptions { Region = "he", Ca = other });
        var settings = new Dictionary<string, string>(other.NodeSettings("he", node.DataDirectory))
        {
            ["Node:CaCertificatePath"] = _ca.CertificatePath,
        };
        await using var mixed = TestNode.Create(new TestNodeOptions { Region = "he", Settings = settings });

        // Act
        var error = Assert.CatchAsync(mixed.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain("is not trusted by the federation CA").And.Contain(_ca.CertificatePath));
    }

    [Test]
    public async Task Start_CaFileMissing_FailsNamingIt()
    {
        // Arrange
        await using var node = TestNode.Create(new TestNodeOptions { Region = "tj" });
        var missing = Path.Combine(node.DataDirectory, "no-such-ca.crt");
        var settings = new Dictionary<string, string>(_ca.NodeSettings("tj", node.DataDirectory)) { ["Node:CaCertificatePath"] = missing };
        await using var broken = TestNode.Create(new TestNodeOptions { Region = "tj", Settings = settings });

        // Act
        var error = Assert.CatchAsync(broken.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain($"Node:CaCertificatePath: {missing} is missing"));
    }

    [Test]
    public void Load_CertificateThatIsNoCa_FailsNamingIt()
    {
        // Arrange: a node certificate given as the CA.
        var folder = Directory.CreateTempSubdirectory("regional-ca-").FullName;
        try
        {
            var settings = _ca.NodeSettings("bj", folder);

            // Act
            var error = Assert.Catch(() => FederationCa.Load(settings["Node:CertificatePath"]));

            // Assert
            Assert.That(error!.Message, Does.Contain("is not a CA certificate"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
