using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.Crypto;

public class PublicKeyTests
{
    // A valid SM2 point (the OpenSSL key of Sm2InteropTests).
    private const string Sm2PointHex = "040a90f42165ac77d9d5556d6b9a353c2e2ebe3c6b115302ef1d57fc91c4943fe11b721b87c0adad1834f41a2ed063a03f2efa6b0b7f28851953281cfa94b3ac9d";

    [TestCase(SignatureAlgorithm.Sm2, 0)]
    [TestCase(SignatureAlgorithm.Sm2, 64)]
    [TestCase(SignatureAlgorithm.Sm2, 66)]
    [TestCase(SignatureAlgorithm.Ed25519, 0)]
    [TestCase(SignatureAlgorithm.Ed25519, 31)]
    [TestCase(SignatureAlgorithm.Ed25519, 33)]
    public void TryCreate_WrongLength_ReturnsFalseWithError(SignatureAlgorithm algorithm, int length)
    {
        var bytes = new byte[length];
        if (length > 0)
        {
            bytes[0] = 0x04;
        }

        var ok = PublicKey.TryCreate(algorithm, bytes, out var key, out var error);

        Assert.That(ok, Is.False);
        Assert.That(key, Is.Null);
        Assert.That(error, Does.Contain("want"));
    }

    [TestCase(1, TestName = "TryCreate_Sm2YChanged_ReturnsFalse")]
    [TestCase(40, TestName = "TryCreate_Sm2XChanged_ReturnsFalse")]
    public void TryCreate_Sm2PointNotOnCurve_ReturnsFalse(int index)
    {
        var bytes = Convert.FromHexString(Sm2PointHex);
        bytes[^index] ^= 0x01;

        var ok = PublicKey.TryCreate(SignatureAlgorithm.Sm2, bytes, out var key, out var error);

        Assert.That(ok, Is.False);
        Assert.That(key, Is.Null);
        Assert.That(error, Does.Contain("not on the curve"));
    }

    [Test]
    public void TryCreate_Sm2CoordinatesOutOfField_ReturnsFalse()
    {
        var bytes = Enumerable.Repeat((byte)0xff, 65).ToArray();
        bytes[0] = 0x04;

        Assert.That(PublicKey.TryCreate(SignatureAlgorithm.Sm2, bytes, out _, out _), Is.False);
    }

    [TestCase((byte)0x02)]
    [TestCase((byte)0x03)]
    public void TryCreate_Sm2CompressedPoint_ReturnsFalse(byte prefix)
    {
        var compressed = Convert.FromHexString(Sm2PointHex)[..33];
        compressed[0] = prefix;

        Assert.That(PublicKey.TryCreate(SignatureAlgorithm.Sm2, compressed, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("uncompressed"));
    }

    [TestCase((byte)0x06)]
    [TestCase((byte)0x07)]
    public void TryCreate_Sm2HybridEncoding_ReturnsFalse(byte prefix)
    {
        var hybrid = Convert.FromHexString(Sm2PointHex);
        hybrid[0] = prefix;

        Assert.That(PublicKey.TryCreate(SignatureAlgorithm.Sm2, hybrid, out _, out _), Is.False);
    }

    [Test]
    public void TryCreate_ValidSm2Point_RoundTripsBytes()
    {
        var bytes = Convert.FromHexString(Sm2PointHex);

        Assert.That(PublicKey.TryCreate(SignatureAlgorithm.Sm2, bytes, out var key, out var error), Is.True, error);
        Assert.That(key!.Bytes.ToArray(), Is.EqualTo(bytes));
    }

    // y = 2 has no x on edwards25519 ((y^2 - 1) / (d y^2 + 1) is not a square mod p); y = 2^255 - 1 is not below p.
    [TestCase("0200000000000000000000000000000000000000000000000000000000000000")]
    [TestCase("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    public void TryCreate_Ed25519NotAPoint_ReturnsFalseWithoutThrowing(string hex)
    {
        bool ok = true;
        Assert.DoesNotThrow(() => ok = PublicKey.TryCreate(SignatureAlgorithm.Ed25519, Convert.FromHexString(hex), out _, out _));

        Assert.That(ok, Is.False);
    }
}
