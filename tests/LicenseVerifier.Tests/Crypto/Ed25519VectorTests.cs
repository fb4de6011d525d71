using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.Crypto;

public class Ed25519VectorTests
{
    // RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
    [TestCase(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        TestName = "Rfc8032_Test1")]
    [TestCase(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        TestName = "Rfc8032_Test2")]
    public void FromSecretSignVerify_Rfc8032Vector_Matches(string secretHex, string publicHex, string messageHex, string signatureHex)
    {
        var message = Convert.FromHexString(messageHex);

        var key = PrivateKey.FromSecret(SignatureAlgorithm.Ed25519, Convert.FromHexString(secretHex));
        var signature = key.Sign(message);

        Assert.That(Convert.ToHexStringLower(key.PublicKey.Bytes), Is.EqualTo(publicHex));
        Assert.That(Convert.ToHexStringLower(signature), Is.EqualTo(signatureHex));
        var published = PublicKey.Create(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicHex));
        Assert.That(published.Verify(message, Convert.FromHexString(signatureHex)), Is.True);
        Assert.That(published.Verify([.. message, 0x00], Convert.FromHexString(signatureHex)), Is.False);
    }
}
