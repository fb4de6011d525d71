using Regional.LicenseVerifier.Crypto;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Tests.Storage.Encryption;

/// <summary>Known answers through the deterministic-nonce entry point: the envelope must be
/// version || nonce || the published ciphertext || the published tag.</summary>
public class DocumentCipherVectorTests
{
    // gm: RFC 8998 Appendix A.1 (SM4-GCM); also in BouncyCastle's, nettle's and GmSSL's own tests.
    // intl: AES-256-GCM test case 14 of McGrew and Viega's GCM specification (NIST SP 800-38D set).
    [TestCase("gm", "0123456789ABCDEFFEDCBA9876543210", "00001234567800000000ABCD",
        "FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2",
        "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA",
        "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D",
        "83DE3541E4C2B58177E065A9BF7B62EC", TestName = "Rfc8998_A1_Sm4Gcm")]
    [TestCase("intl", "0000000000000000000000000000000000000000000000000000000000000000", "000000000000000000000000",
        "", "00000000000000000000000000000000", "CEA7403D4D606B6E074EC5D3BAF39D18",
        "D0D1C8A799996BF0265B98B5D48AB919", TestName = "GcmSpec_TestCase14_Aes256Gcm")]
    public void Encrypt_PublishedVector_Matches(string suiteName, string keyHex, string nonceHex, string adHex,
        string plaintextHex, string ciphertextHex, string tagHex)
    {
        var suite = Suite.FromName(suiteName)!;
        var cipher = DocumentCipher.WithCipherKey(suite, Convert.FromHexString(keyHex));
        var nonce = Convert.FromHexString(nonceHex);
        var ad = Convert.FromHexString(adHex);
        var plaintext = Convert.FromHexString(plaintextHex);

        var envelope = cipher.Encrypt(plaintext, ad, nonce);

        Assert.That(envelope[0], Is.EqualTo(suite == Suite.Gm ? DocumentCipher.Sm4GcmVersion : DocumentCipher.Aes256GcmVersion));
        Assert.That(Convert.ToHexString(envelope.AsSpan(1, 12)), Is.EqualTo(nonceHex));
        Assert.That(Convert.ToHexString(envelope.AsSpan(13, plaintext.Length)), Is.EqualTo(ciphertextHex));
        Assert.That(Convert.ToHexString(envelope.AsSpan(13 + plaintext.Length)), Is.EqualTo(tagHex));
        Assert.That(cipher.TryDecrypt(envelope, ad, out var opened), Is.True);
        Assert.That(opened, Is.EqualTo(plaintext));
    }

    [Test]
    public void Create_Gm_DerivesSm4KeyWithHkdfSm3()
    {
        // The SM4 key is HKDF-SM3(data key, no salt, "regional/v1 document-cipher sm4-gcm"), 16 bytes.
        // Expected key computed independently with OpenSSL 3.0:
        //   openssl kdf -keylen 16 -kdfopt digest:SM3 -kdfopt hexkey:000102...1f \
        //     -kdfopt "info:regional/v1 document-cipher sm4-gcm" HKDF
        var dataKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var sm4Key = Convert.FromHexString("fee5a61bfac55fd209b096fe9da6de3a");
        var envelope = DocumentCipher.Create(Suite.Gm, dataKey).Encrypt("x"u8, []);

        Assert.That(DocumentCipher.WithCipherKey(Suite.Gm, sm4Key).TryDecrypt(envelope, [], out var opened), Is.True);
        Assert.That(opened, Is.EqualTo("x"u8.ToArray()));
        Assert.That(DocumentCipher.WithCipherKey(Suite.Gm, dataKey.AsSpan(0, 16)).TryDecrypt(envelope, [], out _), Is.False);
    }

    [Test]
    public void Create_Intl_UsesDataKeyAsAes256Key()
    {
        var dataKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var envelope = DocumentCipher.Create(Suite.Intl, dataKey).Encrypt("x"u8, []);

        Assert.That(DocumentCipher.WithCipherKey(Suite.Intl, dataKey).TryDecrypt(envelope, [], out _), Is.True);
    }
}
