using Google.Protobuf;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Digests;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Digests;

public class FieldDigestsTests
{
    private static readonly byte[] Salt = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");

    // Expected digests made independently of this code, with coreutils and OpenSSL:
    //   { printf '\x00\x01...\x0f'; printf 'holder_name\0'; printf '张三'; } | openssl dgst -sm3   (or sha256sum)
    [TestCase("gm", "holder_name", "张三", "26a4f45128db86f690782a7600af38c199015818a56a6d86254944634d1201aa")]
    [TestCase("intl", "holder_name", "张三", "f035876439505b146586ab2179932c273d14898358702b6810d64915bc12e7ab")]
    [TestCase("gm", "holder_name", "", "9f306de87350da70d344d5552b4a409799936ba66ef7add1d562c964980352a9")]
    [TestCase("intl", "holder_name", "", "e50675c374d2eb011a63c02dadc07ea12bfa5913328d762c5bf452a5e8f3c973")]
    public void Compute_KnownAnswer_MatchesIndependentDigest(string suiteName, string name, string value, string expectedHex)
    {
        var suite = Suite.FromName(suiteName)!;

        var digest = FieldDigests.Compute(suite, Salt, name, value);

        Assert.That(Convert.ToHexStringLower(digest), Is.EqualTo(expectedHex));
    }

    [TestCase(0)]
    [TestCase(15)]
    [TestCase(17)]
    public void Compute_SaltOfWrongLength_Throws(int length)
    {
        Assert.Throws<ArgumentException>(() => FieldDigests.Compute(Suite.Gm, new byte[length], "holder_name", "张三"));
    }

    [Test]
    public void Compute_NameWithNul_Throws()
    {
        Assert.Throws<ArgumentException>(() => FieldDigests.Compute(Suite.Gm, Salt, "holder\0name", "张三"));
    }

    [Test]
    public void Compute_NfdAndNfcForms_DifferBecauseStringsAreNotNormalised()
    {
        var nfc = FieldDigests.Compute(Suite.Intl, Salt, "address", "caf\u00e9");
        var nfd = FieldDigests.Compute(Suite.Intl, Salt, "address", "cafe\u0301");

        Assert.That(nfd, Is.Not.EqualTo(nfc));
    }

    [Test]
    public void Compute_NameValueBoundaryMoved_GivesDifferentDigest()
    {
        var one = FieldDigests.Compute(Suite.Gm, Salt, "ab", "c");
        var other = FieldDigests.Compute(Suite.Gm, Salt, "a", "bc");

        Assert.That(other, Is.Not.EqualTo(one));
    }

    internal static FieldDigest Commit(Suite suite, string name, string value, byte[] salt) =>
        new() { Name = name, Digest = ByteString.CopyFrom(FieldDigests.Compute(suite, salt, name, value)) };

    internal static DisclosedField Disclose(string name, string value, byte[] salt) =>
        new() { Name = name, Value = value, Salt = ByteString.CopyFrom(salt) };
}
