using System.Text;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.Crypto;

/// <summary>SM2 against an independent implementation: a key and signature made by OpenSSL 3.0
/// (`scripts/make-sm2-vector.sh`, SM3 digest, distid 1234567812345678). The script also checks the
/// converse, that OpenSSL verifies signatures made by <see cref="PrivateKey"/>. A throwaway test key.</summary>
public class Sm2InteropTests
{
    // Made by scripts/make-sm2-vector.sh with OpenSSL 3.0.19.
    private const string OpensslSecretHex = "d34c84d06eb08dae1643c8c0b8d52254af882ef1df1e2f7bf8352d14ab369062";
    private const string OpensslPublicKeyHex = "040a90f42165ac77d9d5556d6b9a353c2e2ebe3c6b115302ef1d57fc91c4943fe11b721b87c0adad1834f41a2ed063a03f2efa6b0b7f28851953281cfa94b3ac9d";
    private const string MessageText = "Regional SM2 interoperability vector: licence BJ-2024-000001 is valid";
    private const string OpensslSignatureHex = "3045022007e9dbf236e1c722060d299a75e913b3716d254f4053e1756361143ca9400898022100f2faf3bbac563120b847ee8dca8469394c0126dda986d91956c7f2a41c7d06c0";

    private static readonly byte[] Message = Encoding.ASCII.GetBytes(MessageText);
    private static readonly byte[] Signature = Convert.FromHexString(OpensslSignatureHex);

    private static PublicKey OpensslKey() => PublicKey.Create(SignatureAlgorithm.Sm2, Convert.FromHexString(OpensslPublicKeyHex));

    [Test]
    public void Verify_OpensslSignature_Succeeds()
    {
        var key = OpensslKey();

        Assert.That(key.Verify(Message, Signature), Is.True);
    }

    [TestCase(0, 0x01)]
    [TestCase(10, 0x80)]
    public void Verify_OpensslSignatureFlippedMessageBit_Fails(int index, byte mask)
    {
        var tampered = (byte[])Message.Clone();
        tampered[index] ^= mask;

        Assert.That(OpensslKey().Verify(tampered, Signature), Is.False);
    }

    [Test]
    public void Verify_OpensslSignatureFlippedSignatureBit_Fails()
    {
        var tampered = (byte[])Signature.Clone();
        tampered[^1] ^= 0x01;

        Assert.That(OpensslKey().Verify(Message, tampered), Is.False);
    }

    [Test]
    public void FromSecret_OpensslPrivateKey_GivesOpensslPublicKey()
    {
        var key = PrivateKey.FromSecret(SignatureAlgorithm.Sm2, Convert.FromHexString(OpensslSecretHex));

        Assert.That(Convert.ToHexStringLower(key.PublicKey.Bytes), Is.EqualTo(OpensslPublicKeyHex));
    }

    [Test]
    public void Sign_WithOpensslPrivateKey_VerifiesUnderOpensslPublicKey()
    {
        var key = PrivateKey.FromSecret(SignatureAlgorithm.Sm2, Convert.FromHexString(OpensslSecretHex));

        var signature = key.Sign(Message);

        Assert.That(OpensslKey().Verify(Message, signature), Is.True);
        Assert.That(signature, Is.Not.EqualTo(Signature), "SM2 signatures are randomised");
    }
}
