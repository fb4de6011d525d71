using System.Text;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.Crypto;

public class KeyTests
{
    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void Sign_ThenVerify_Succeeds(SignatureAlgorithm algorithm)
    {
        var key = PrivateKey.Generate(algorithm);
        var message = Encoding.UTF8.GetBytes("regional.example/bj\n42\n");

        var signature = key.Sign(message);

        Assert.That(key.PublicKey.Verify(message, signature), Is.True);
    }

    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void Verify_TamperedMessage_Fails(SignatureAlgorithm algorithm)
    {
        var key = PrivateKey.Generate(algorithm);
        var signature = key.Sign("licence BJ-1 is valid"u8);

        Assert.That(key.PublicKey.Verify("licence BJ-2 is valid"u8, signature), Is.False);
    }

    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void FromSecret_RoundTrip_GivesSamePublicKey(SignatureAlgorithm algorithm)
    {
        var key = PrivateKey.Generate(algorithm);

        var again = PrivateKey.FromSecret(algorithm, key.ExportSecret());

        Assert.That(again.PublicKey, Is.EqualTo(key.PublicKey));
    }
}
