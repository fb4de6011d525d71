using Regional.LicenseVerifier.Crypto;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Tests.Storage.Encryption;

[TestFixture("gm")]
[TestFixture("intl")]
public class DocumentCipherTests(string suiteName)
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static readonly byte[] Plaintext = "{\"holder_name\":\"张三\",\"address\":\"北京市东城区\"}"u8.ToArray();
    private static readonly byte[] Ad = "BJ-2024-000001/v1"u8.ToArray();

    private readonly Suite _suite = Suite.FromName(suiteName)!;

    private DocumentCipher Cipher() => DocumentCipher.Create(_suite, Key);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(4096)]
    public void Encrypt_ThenDecrypt_RoundTrips(int length)
    {
        var plaintext = new byte[length];
        new Random(length).NextBytes(plaintext);

        var envelope = Cipher().Encrypt(plaintext, Ad);
        var ok = Cipher().TryDecrypt(envelope, Ad, out var opened);

        Assert.That(ok, Is.True);
        Assert.That(opened, Is.EqualTo(plaintext));
        Assert.That(envelope, Has.Length.EqualTo(1 + 12 + length + 16));
    }

    [Test]
    public void Encrypt_Layout_VersionNonceCiphertextTag()
    {
        var envelope = Cipher().Encrypt(Plaintext, Ad);

        Assert.That(envelope[0], Is.EqualTo(_suite == Suite.Gm ? DocumentCipher.Sm4GcmVersion : DocumentCipher.Aes256GcmVersion));
        Assert.That(envelope.AsSpan(13, Plaintext.Length).ToArray(), Is.Not.EqualTo(Plaintext));
    }

    [Test]
    public void Encrypt_SamePlaintextTwice_Differs()
    {
        var cipher = Cipher();

        var first = cipher.Encrypt(Plaintext, Ad);
        var second = cipher.Encrypt(Plaintext, Ad);

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(second.AsSpan(1, 12).ToArray(), Is.Not.EqualTo(first.AsSpan(1, 12).ToArray()));
    }

    [TestCase(0, TestName = "TryDecrypt_TamperedVersion_False")]
    [TestCase(1, TestName = "TryDecrypt_TamperedNonce_False")]
    [TestCase(13, TestName = "TryDecrypt_TamperedCiphertext_False")]
    [TestCase(-1, TestName = "TryDecrypt_TamperedTag_False")]
    public void TryDecrypt_TamperedByte_False(int index)
    {
        var envelope = Cipher().Encrypt(Plaintext, Ad);
        envelope[index < 0 ? envelope.Length + index : index] ^= 0x01;

        Assert.That(Cipher().TryDecrypt(envelope, Ad, out var opened), Is.False);
        Assert.That(opened, Is.Empty);
    }

    [Test]
    public void TryDecrypt_OtherAssociatedData_False()
    {
        var envelope = Cipher().Encrypt(Plaintext, Ad);

        Assert.That(Cipher().TryDecrypt(envelope, "BJ-2024-000002/v1"u8, out _), Is.False);
    }

    [Test]
    public void TryDecrypt_OtherKey_False()
    {
        var envelope = Cipher().Encrypt(Plaintext, Ad);
        var otherKey = (byte[])Key.Clone();
        otherKey[31] ^= 0x01;

        Assert.That(DocumentCipher.Create(_suite, otherKey).TryDecrypt(envelope, Ad, out _), Is.False);
    }

    [Test]
    public void TryDecrypt_OtherSuitesEnvelope_False()
    {
        var other = _suite == Suite.Gm ? Suite.Intl : Suite.Gm;
        var envelope = DocumentCipher.Create(other, Key).Encrypt(Plaintext, Ad);

        Assert.That(Cipher().TryDecrypt(envelope, Ad, out _), Is.False);
    }

    [TestCase(0)]
    [TestCase(28)]
    public void TryDecrypt_TooShort_False(int length)
    {
        var envelope = Cipher().Encrypt([], Ad);

        Assert.That(Cipher().TryDecrypt(envelope.AsSpan(0, length), Ad, out _), Is.False);
    }

    [TestCase(16)]
    [TestCase(31)]
    [TestCase(33)]
    public void Create_KeyNot32Bytes_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => DocumentCipher.Create(_suite, new byte[length]));
    }
}
