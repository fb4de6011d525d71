using System.Security.Cryptography;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Licenses;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Tests.Storage.Encryption;

/// <summary>The keyed digest is the holder index's construction, and its labels keep uses apart.</summary>
public class KeyedDigestTests
{
    [TestCase("gm")]
    [TestCase("intl")]
    public void Compute_HolderIndexLabel_SameAsDocumentVaultHolderKey(string suiteName)
    {
        var suite = Suite.FromName(suiteName)!;
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var digest = new KeyedDigest(suite, dataKey, "regional/holder-index/v1\0"u8).Compute("91110105MA01ABCD3X"u8);

        Assert.That(digest, Is.EqualTo(new DocumentVault(suite, dataKey).HolderKey("91110105MA01ABCD3X")));
    }

    [Test]
    public void Compute_TwoLabelsOneKey_Differ()
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var requests = new KeyedDigest(Suite.Gm, dataKey, "regional/requests/v1\0"u8).Compute("x"u8);
        var holders = new KeyedDigest(Suite.Gm, dataKey, "regional/holder-index/v1\0"u8).Compute("x"u8);

        Assert.That(requests, Is.Not.EqualTo(holders));
    }
}
