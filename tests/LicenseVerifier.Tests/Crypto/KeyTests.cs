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
    public void Sign_ManyMessagesFromManyThreadsWithOneKey_EachSignatureVerifiesForItsMessageOnly(SignatureAlgorithm algorithm)
    {
        // Arrange: an SM2 key keeps one signer for all its signatures; none may carry state into the next.
        var key = PrivateKey.Generate(algorithm);
        var messages = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes($"regional.example/bj\n{i}\n")).ToArray();

        // Act
        var signatures = new byte[messages.Length][];
        Parallel.For(0, messages.Length, i => signatures[i] = key.Sign(messages[i]));

        // Assert
        Assert.That(Enumerable.Range(0, messages.Length).Where(i => !key.PublicKey.Verify(messages[i], signatures[i])), Is.Empty);
        Assert.That(key.PublicKey.Verify(messages[1], signatures[0]), Is.False);
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
