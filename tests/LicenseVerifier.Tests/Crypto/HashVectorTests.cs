using System.Text;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Tests.Crypto;

public class HashVectorTests
{
    // SM3: GB/T 32905-2016 Appendix A examples 1 and 2 (the same values are in the test suites of
    // nettle and RustCrypto); the empty string as given by OpenSSL 3.0 `openssl dgst -sm3`.
    // SHA-256: FIPS 180-2 Appendix B.1 and B.2, and the well-known digest of "".
    [TestCase("gm", "abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")]
    [TestCase("gm", "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")]
    [TestCase("gm", "", "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")]
    [TestCase("intl", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("intl", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [TestCase("intl", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void Hash_PublishedVector_Matches(string suiteName, string message, string expectedHex)
    {
        var suite = Suite.FromName(suiteName)!;

        var digest = suite.Hash(Encoding.ASCII.GetBytes(message));

        Assert.That(Convert.ToHexStringLower(digest), Is.EqualTo(expectedHex));
    }

    [TestCase("gm")]
    [TestCase("intl")]
    public void EmptyRoot_IsHashOfEmptyString(string suiteName)
    {
        var suite = Suite.FromName(suiteName)!;

        Assert.That(suite.EmptyRoot.ToArray(), Is.EqualTo(suite.Hash([])));
    }

    [TestCase("gm", "")]
    [TestCase("gm", "0001ff")]
    [TestCase("intl", "")]
    [TestCase("intl", "0001ff")]
    public void HashLeaf_IsHashOfZeroPrefixedEntry(string suiteName, string entryHex)
    {
        var suite = Suite.FromName(suiteName)!;
        var entry = Convert.FromHexString(entryHex);

        var leaf = suite.HashLeaf(entry);

        Assert.That(leaf, Is.EqualTo(suite.Hash([0x00, .. entry])));
        Assert.That(leaf, Is.Not.EqualTo(suite.Hash(entry)));
    }

    [TestCase("gm")]
    [TestCase("intl")]
    public void HashChildren_IsHashOfOnePrefixedConcatenation(string suiteName)
    {
        var suite = Suite.FromName(suiteName)!;
        var left = suite.HashLeaf("left"u8);
        var right = suite.HashLeaf("right"u8);

        var node = suite.HashChildren(left, right);

        Assert.That(node, Is.EqualTo(suite.Hash([0x01, .. left, .. right])));
        Assert.That(node, Is.Not.EqualTo(suite.HashChildren(right, left)));
    }

    [Test]
    public void HashLeaf_Intl_MatchesRfc6962EmptyLeaf()
    {
        // RFC 6962 test data (certificate-transparency-go merkle tests): the leaf hash of an
        // empty entry is SHA-256(0x00).
        var leaf = Suite.Intl.HashLeaf([]);

        Assert.That(Convert.ToHexStringLower(leaf), Is.EqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
    }

    [TestCase(31, 32)]
    [TestCase(32, 33)]
    public void HashChildren_ChildOfWrongLength_Throws(int leftLength, int rightLength)
    {
        Assert.Throws<ArgumentException>(() => Suite.Gm.HashChildren(new byte[leftLength], new byte[rightLength]));
    }
}
