using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Hosting;

[TestFixture]
[Platform(Exclude = "Win", Reason = "Unix file modes")]
[UnsupportedOSPlatform("windows")]
public sealed class DevelopmentCertificateTests
{
    [Test]
    public async Task Start_NoCertificateConfigured_CreatesDevelopmentCertificateAndLogsWhere()
    {
        // Arrange
        await using var node = TestNode.Create();
        var keyPath = Path.Combine(node.DataDirectory, "tls", "node.key");

        // Act
        await node.StartAsync();

        // Assert
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(node.CertificatePath));
        using var key = certificate.GetECDsaPublicKey();
        Assert.That(key!.ExportParameters(false).Curve.Oid.Value, Is.EqualTo(ECCurve.NamedCurves.nistP256.Oid.Value));
        Assert.That(certificate.Subject, Is.EqualTo(certificate.Issuer), "self-signed");
        Assert.That(certificate.MatchesHostname("localhost"), Is.True);
        Assert.That(certificate.MatchesHostname(IPAddress.Loopback.ToString()), Is.True);
        Assert.That(certificate.MatchesHostname("[::1]"), Is.True);
        Assert.That(File.GetUnixFileMode(keyPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(node.Logs.Contains($"Created a self-signed development TLS certificate {node.CertificatePath}"), Is.True);
    }

    [Test]
    public async Task Restart_DevelopmentCertificateExists_ReusesItAndStillServes()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var first = node.Certificate!.RawData;
        node.Logs.Clear();

        // Act
        await node.RestartAsync();
        var response = await new Health.HealthClient(node.Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(20));

        // Assert
        Assert.That(node.Certificate!.RawData, Is.EqualTo(first));
        Assert.That(node.Logs.Contains($"Using the development TLS certificate {node.CertificatePath}"), Is.True);
        Assert.That(node.Logs.Contains("Created a self-signed"), Is.False);
        Assert.That(response.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }

    [Test]
    public async Task Start_CertificateWithoutKey_FailsNamingTheMissingFile()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        await node.StopAsync();
        var keyPath = Path.Combine(node.DataDirectory, "tls", "node.key");
        File.Delete(keyPath);

        // Act
        var error = Assert.CatchAsync(node.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain(keyPath).And.Contain("missing"));
    }

    [Test]
    public async Task Start_ConfiguredCertificate_ServesThatCertificate()
    {
        // Arrange: a first node's development pair, configured as the second node's certificate.
        await using var donor = await TestNode.StartAsync();
        var tls = Path.Combine(donor.DataDirectory, "tls");
        await using var node = await TestNode.StartAsync(new TestNodeOptions
        {
            Region = "he",
            Settings =
            {
                ["Node:CertificatePath"] = Path.Combine(tls, "node.crt"),
                ["Node:CertificateKeyPath"] = Path.Combine(tls, "node.key"),
            },
        });

        // Act
        var response = await new Health.HealthClient(node.Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(20));

        // Assert
        Assert.That(node.Certificate!.RawData, Is.EqualTo(donor.Certificate!.RawData));
        Assert.That(File.Exists(node.CertificatePath), Is.False, "no development certificate when one is configured");
        Assert.That(response.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }
}
