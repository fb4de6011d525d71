using Regional.Node.Security.Certificates;
using Regional.Provisioning;

namespace Regional.Node.Tests.Security;

/// <summary>A node's federation CA, loaded from its PEM file, trusts what the development CA issues for
/// the right usages only, and nothing another CA issues (what the CA issues: Provisioning.Tests).</summary>
[TestFixture]
public sealed class FederationCaTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("regional-ca-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Trusts_NodeCertificate_ForServerAndClientAuth()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", DateTimeOffset.UtcNow);
        using var federation = TrustOnly(ca);
        using var node = ca.IssueNode("bj", ["localhost"], [], DateTimeOffset.UtcNow);

        // Act
        var server = federation.Trusts(node, FederationCa.ServerAuth, out var serverProblem);
        var client = federation.Trusts(node, FederationCa.ClientAuth, out var clientProblem);

        // Assert
        Assert.That(server, Is.True, serverProblem);
        Assert.That(client, Is.True, clientProblem);
    }

    [Test]
    public void Trusts_ClientCertificate_ForClientAuthOnly()
    {
        // Arrange
        using var ca = DevelopmentCa.Create("Regional Dev CA", DateTimeOffset.UtcNow);
        using var federation = TrustOnly(ca);
        using var client = ca.IssueClient("tj", "tj-amr", "issuer", "天津市场监管 licensing system", DateTimeOffset.UtcNow);

        // Act
        var asClient = federation.Trusts(client, FederationCa.ClientAuth, out var problem);
        var asServer = federation.Trusts(client, FederationCa.ServerAuth, out _);

        // Assert
        Assert.That(asClient, Is.True, problem);
        Assert.That(asServer, Is.False, "a caller cannot serve as a node");
    }

    [Test]
    public void Trusts_CertificateOfAnotherCa_IsFalseAndSaysWhy()
    {
        // Arrange
        using var ours = DevelopmentCa.Create("Regional Dev CA", DateTimeOffset.UtcNow);
        using var theirs = DevelopmentCa.Create("Regional Dev CA", DateTimeOffset.UtcNow);
        using var federation = TrustOnly(ours);
        using var foreign = theirs.IssueNode("bj", ["localhost"], [], DateTimeOffset.UtcNow);

        // Act
        var trusted = federation.Trusts(foreign, FederationCa.ClientAuth, out var problem);

        // Assert: same subject name, other key: not trusted.
        Assert.That(trusted, Is.False);
        Assert.That(problem, Is.Not.Empty);
    }

    /// <summary>A FederationCa trusting only ca, loaded as a node loads it: from its PEM file.</summary>
    private FederationCa TrustOnly(DevelopmentCa ca)
    {
        var path = Path.Combine(_folder, $"trust-{Guid.NewGuid():N}.crt");
        File.WriteAllText(path, ca.Certificate.ExportCertificatePem());
        return FederationCa.Load(path);
    }
}
