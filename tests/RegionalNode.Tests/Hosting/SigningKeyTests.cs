using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Hosting;
using Regional.Node.Tests.Support;
using Regional.Provisioning;
using Regional.Node.Errors;

namespace Regional.Node.Tests.Hosting;

[TestFixture]
[Platform(Exclude = "Win", Reason = "Unix file modes")]
[UnsupportedOSPlatform("windows")]
public sealed class SigningKeyTests
{
    [TestCase("gm", SignatureAlgorithm.Sm2, "sm2")]
    [TestCase("intl", SignatureAlgorithm.Ed25519, "ed25519")]
    public async Task Start_NoKeyFile_CreatesOwnerOnlyKeyOfTheSuite(string suite, SignatureAlgorithm algorithm, string name)
    {
        // Arrange
        await using var node = TestNode.Create(new TestNodeOptions { Suite = suite });

        // Act
        await node.StartAsync();

        // Assert
        var key = node.Services.GetRequiredService<PrivateKey>();
        Assert.That(key.Algorithm, Is.EqualTo(algorithm));
        Assert.That(File.GetUnixFileMode(node.SigningKeyPath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var lines = File.ReadAllText(node.SigningKeyPath).Split('\n');
        Assert.That(lines[..2], Is.EqualTo(new[] { "regional-signing-key/v1", name }));
        Assert.That(node.Logs.Contains($"Signing key {name} {Convert.ToBase64String(key.PublicKey.Bytes)}"), Is.True);
    }

    [Test]
    public async Task Restart_KeyFileExists_LoadsTheSamePublicKey()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var first = node.Services.GetRequiredService<PrivateKey>().PublicKey;

        // Act
        await node.RestartAsync();

        // Assert
        Assert.That(node.Services.GetRequiredService<PrivateKey>().PublicKey, Is.EqualTo(first));
    }

    [Test]
    public async Task Start_KeyFileMode0644_FailsNamingTheFile()
    {
        // Arrange
        await using var node = TestNode.Create();
        WriteKey(node.SigningKeyPath, KeyFile.Format(PrivateKey.Generate(SignatureAlgorithm.Sm2)),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        // Act
        var error = Assert.ThrowsAsync<NodeStartupException>(node.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain(node.SigningKeyPath).And.Contain("got mode 0644, want 0600"));
    }

    [TestCase("regional-signing-key/v1\ned25519\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "got algorithm 'ed25519', want 'sm2'")]
    [TestCase("regional-signing-key/v2\nsm2\nAAAA\n", "malformed")]
    [TestCase("regional-signing-key/v1\nsm2\n", "malformed")]
    [TestCase("regional-signing-key/v1\nsm2\n%%%\n", "malformed secret")]
    [TestCase("regional-signing-key/v1\nsm2\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "malformed secret")]
    public async Task Start_BadKeyFile_FailsNamingTheFile(string content, string expected)
    {
        // Arrange
        await using var node = TestNode.Create(new TestNodeOptions { Suite = "gm" });
        WriteKey(node.SigningKeyPath, content, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // Act
        var error = Assert.ThrowsAsync<NodeStartupException>(node.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.StartWith($"signing key {node.SigningKeyPath}: ").And.Contain(expected));
    }

    private static void WriteKey(string path, string content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
    }
}
