using Regional.LicenseVerifier.Crypto;

namespace Regional.Provisioning.Tests;

/// <summary>The key file format: written and read back; every malformed file named with what was wanted.
/// The node's refusal to start on one is RegionalNode.Tests' SigningKeyTests.</summary>
[TestFixture]
public sealed class KeyFileTests
{
    [TestCase(SignatureAlgorithm.Ed25519, "intl", "ed25519")]
    [TestCase(SignatureAlgorithm.Sm2, "gm", "sm2")]
    public void Parse_FormattedKey_RoundTrips(SignatureAlgorithm algorithm, string suite, string name)
    {
        // Arrange
        var key = PrivateKey.Generate(algorithm);

        // Act
        var text = KeyFile.Format(key);
        var parsed = KeyFile.Parse("k", text, Suite.FromName(suite)!);

        // Assert
        Assert.That(text.Split('\n')[..2], Is.EqualTo(new[] { KeyFile.Header, name }));
        Assert.That(parsed.PublicKey, Is.EqualTo(key.PublicKey));
    }

    [TestCase("regional-signing-key/v1\ned25519\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "got algorithm 'ed25519', want 'sm2'")]
    [TestCase("regional-signing-key/v2\nsm2\nAAAA\n", "malformed")]
    [TestCase("regional-signing-key/v1\nsm2\n", "malformed")]
    [TestCase("regional-signing-key/v1\nsm2\n%%%\n", "malformed secret")]
    public void Parse_Malformed_FederationFileExceptionNamingTheFile(string text, string expected)
    {
        // Act
        var error = Assert.Throws<FederationFileException>(() => KeyFile.Parse("/data/keys/signing.key", text, Suite.Gm));

        // Assert
        Assert.That(error!.Message, Does.StartWith("signing key /data/keys/signing.key: ").And.Contain(expected));
    }
}
