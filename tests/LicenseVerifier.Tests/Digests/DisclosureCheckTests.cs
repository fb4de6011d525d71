using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Digests;
using Regional.V1;
using static Regional.LicenseVerifier.Tests.Digests.FieldDigestsTests;

namespace Regional.LicenseVerifier.Tests.Digests;

[TestFixture("gm")]
[TestFixture("intl")]
public class DisclosureCheckTests(string suiteName)
{
    private static readonly byte[] NameSalt = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] AddressSalt = Convert.FromHexString("f0e0d0c0b0a090807060504030201000");

    private readonly Suite _suite = Suite.FromName(suiteName)!;

    private FieldDigest[] Committed() =>
    [
        Commit(_suite, "holder_name", "张三", NameSalt),
        Commit(_suite, "address", "北京市东城区景山前街4号", AddressSalt),
    ];

    [Test]
    public void Check_CorrectFields_AllMatchAndValid()
    {
        DisclosedField[] disclosed = [Disclose("address", "北京市东城区景山前街4号", AddressSalt), Disclose("holder_name", "张三", NameSalt)];

        var result = FieldDigests.Check(_suite, Committed(), disclosed);

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Fields, Is.EqualTo(new[]
        {
            new FieldResult("address", FieldOutcome.Match),
            new FieldResult("holder_name", FieldOutcome.Match),
        }));
    }

    [TestCase("张四", "000102030405060708090a0b0c0d0e0f", FieldOutcome.Mismatch)]
    [TestCase("张三", "000102030405060708090a0b0c0d0e0e", FieldOutcome.Mismatch)]
    [TestCase("张三", "", FieldOutcome.BadSalt)]
    [TestCase("张三", "000102030405060708090a0b0c0d0e", FieldOutcome.BadSalt)]
    public void Check_WrongValueOrSalt_ReportsOutcome(string value, string saltHex, FieldOutcome expected)
    {
        DisclosedField[] disclosed = [Disclose("holder_name", value, Convert.FromHexString(saltHex))];

        var result = FieldDigests.Check(_suite, Committed(), disclosed);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Error, Is.Null);
        Assert.That(result.Fields, Is.EqualTo(new[] { new FieldResult("holder_name", expected) }));
    }

    [Test]
    public void Check_UnknownName_NotCommitted()
    {
        DisclosedField[] disclosed = [Disclose("holder_name", "张三", NameSalt), Disclose("id_number", "110101199003070000", NameSalt)];

        var result = FieldDigests.Check(_suite, Committed(), disclosed);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Fields.Select(f => f.Outcome), Is.EqualTo(new[] { FieldOutcome.Match, FieldOutcome.NotCommitted }));
    }

    [Test]
    public void Check_EmptyDisclosure_Valid()
    {
        var result = FieldDigests.Check(_suite, Committed(), []);

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Fields, Is.Empty);
    }

    [Test]
    public void Check_DuplicateDisclosedName_ErrorResult()
    {
        DisclosedField[] disclosed = [Disclose("holder_name", "张三", NameSalt), Disclose("holder_name", "张三", NameSalt)];

        var result = FieldDigests.Check(_suite, Committed(), disclosed);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Error, Does.Contain("holder_name"));
        Assert.That(result.Fields, Is.Empty);
    }

    [Test]
    public void Check_DuplicateCommittedName_ErrorResult()
    {
        FieldDigest[] committed = [.. Committed(), Commit(_suite, "holder_name", "李四", AddressSalt)];

        var result = FieldDigests.Check(_suite, committed, [Disclose("holder_name", "李四", AddressSalt)]);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Error, Is.Not.Null);
    }

    [Test]
    public void Check_CommittedDigestOfOtherSuite_Mismatch()
    {
        var other = _suite == Suite.Gm ? Suite.Intl : Suite.Gm;
        FieldDigest[] committed = [Commit(other, "holder_name", "张三", NameSalt)];

        var result = FieldDigests.Check(_suite, committed, [Disclose("holder_name", "张三", NameSalt)]);

        Assert.That(result.Fields.Single().Outcome, Is.EqualTo(FieldOutcome.Mismatch));
    }
}
