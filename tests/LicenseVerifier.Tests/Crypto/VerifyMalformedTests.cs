using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.Crypto;

/// <summary>Verify never throws for malformed signatures: they are simply not valid.</summary>
[TestFixture(SignatureAlgorithm.Sm2)]
[TestFixture(SignatureAlgorithm.Ed25519)]
public class VerifyMalformedTests(SignatureAlgorithm algorithm)
{
    private static readonly byte[] Message = "regional.example/bj\n7\n"u8.ToArray();

    private PrivateKey _key = null!;
    private byte[] _signature = null!;

    [OneTimeSetUp]
    public void SignOnce()
    {
        _key = PrivateKey.Generate(algorithm);
        _signature = _key.Sign(Message);
    }

    [Test]
    public void Verify_GoodSignature_True() => Assert.That(_key.PublicKey.Verify(Message, _signature), Is.True);

    [Test]
    public void Verify_EmptySignature_False() => Assert.That(_key.PublicKey.Verify(Message, []), Is.False);

    [TestCase(1)]
    [TestCase(8)]
    [TestCase(32)]
    public void Verify_TruncatedSignature_False(int dropped)
    {
        Assert.That(_key.PublicKey.Verify(Message, _signature.AsSpan(0, _signature.Length - dropped)), Is.False);
    }

    [Test]
    public void Verify_SignatureWithTrailingByte_False()
    {
        Assert.That(_key.PublicKey.Verify(Message, [.. _signature, 0x00]), Is.False);
    }

    [TestCase("00")]
    [TestCase("ff")]
    [TestCase("3000")]
    [TestCase("3006020100020100")]
    [TestCase("30440220ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0220ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [TestCase("308180")]
    public void Verify_GarbageSignature_False(string signatureHex)
    {
        Assert.That(_key.PublicKey.Verify(Message, Convert.FromHexString(signatureHex)), Is.False);
    }

    [Test]
    public void Verify_SixtyFourRandomBytes_False()
    {
        var garbage = new byte[64];
        new Random(7).NextBytes(garbage);

        Assert.That(_key.PublicKey.Verify(Message, garbage), Is.False);
    }

    [Test]
    public void Verify_SignatureOfOtherKey_False()
    {
        var other = PrivateKey.Generate(algorithm);

        Assert.That(_key.PublicKey.Verify(Message, other.Sign(Message)), Is.False);
    }
}
