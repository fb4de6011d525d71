using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Digests;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>What a bundle that passes every check says about the licence.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BundleVerifierStatusTests(string suiteName) : BundleFixture(suiteName)
{
    [Test]
    public void Verify_IssuedLicence_ValidWithEveryCheckPassed()
    {
        var bundle = Bundle();

        var check = Verify(bundle);

        Assert.Multiple(() =>
        {
            Assert.That(check.IsValid, Is.True, check.Detail);
            Assert.That(check.Failure, Is.EqualTo(BundleFailure.None));
            Assert.That(check.Status, Is.EqualTo(VerificationStatus.Valid));
            Assert.That(check.LicenseId, Is.EqualTo(LicenseEntries.LicenseId));
            Assert.That(check.Region, Is.EqualTo("bj"));
            Assert.That(check.TreeSize, Is.EqualTo(6UL));
            Assert.That(check.Fields, Is.Empty);
            Assert.That(check.Cosignatures.Select(c => (c.Name, c.Time)), Is.EqualTo(new[] { ("witness.regional.example/tj", CosignedAt) }));
            Assert.That(check.Passed, Is.EqualTo(IssuerSigned.Append("1 witness cosignatures (quorum 1)").Append("licence entry included at leaf 2")
                .Append($"status map entry proven as of {TestLog.BlockTime:u} (StatusRoot at leaf 5)")));
            Assert.That(check.StatusAsOf, Is.EqualTo(TestLog.BlockTime));
            Assert.That(check.IsStale, Is.False);
            Assert.That(check.CurrentVersion, Is.Null);
        });
    }

    [Test]
    public void Verify_DisclosedFieldsMatch_ValidWithFieldResults()
    {
        var disclosed = LicenseEntries.DiscloseAll();

        var check = Verify(Bundle(), disclosed: disclosed);

        Assert.That(check.Status, Is.EqualTo(VerificationStatus.Valid), check.Detail);
        Assert.That(check.Fields, Is.EqualTo(disclosed.Select(f => new FieldResult(f.Name, FieldOutcome.Match))));
        Assert.That(check.Passed, Has.Member("3 disclosed fields match"));
    }

    [Test]
    public void Verify_OneCharacterChangedInField_Mismatch()
    {
        var disclosed = LicenseEntries.DiscloseAll();
        disclosed[1].Value = "张四";

        var check = Verify(Bundle(), disclosed: disclosed);

        Assert.That(check.IsValid, Is.True, "the proof holds; the answer is the mismatch");
        Assert.That(check.Status, Is.EqualTo(VerificationStatus.Mismatch));
        Assert.That(check.Fields.Select(f => f.Outcome), Is.EqualTo(new[] { FieldOutcome.Match, FieldOutcome.Mismatch, FieldOutcome.Match }));
    }

    [TestCase(new[] { LicenseStatus.Revoked }, VerificationStatus.Revoked)]
    [TestCase(new[] { LicenseStatus.Suspended }, VerificationStatus.Suspended)]
    [TestCase(new[] { LicenseStatus.Suspended, LicenseStatus.Active }, VerificationStatus.Valid)]
    [TestCase(new[] { LicenseStatus.Suspended, LicenseStatus.Active, LicenseStatus.Revoked }, VerificationStatus.Revoked)]
    public void Verify_StatusEntries_LastOneDecides(LicenseStatus[] statuses, VerificationStatus expected)
    {
        var bundle = Bundle(statuses);

        var check = Verify(bundle);

        Assert.That(check.IsValid, Is.True, check.Detail);
        Assert.That(check.Status, Is.EqualTo(expected));
        Assert.That(check.Passed, Has.Member($"{statuses.Length} status entries included"));
    }

    [Test]
    public void Verify_PastNotAfter_Expired()
    {
        var bundle = Bundle();

        var atEnd = Verify(bundle, now: LicenseEntries.NotAfter);
        var justBefore = Verify(bundle, now: LicenseEntries.NotAfter.AddSeconds(-1));

        Assert.That(atEnd.Status, Is.EqualTo(VerificationStatus.Expired), atEnd.Detail);
        Assert.That(justBefore.Status, Is.EqualTo(VerificationStatus.Valid), justBefore.Detail);
    }

    [Test]
    public void Verify_RotatedIssuerKeys_AcceptsEitherKey()
    {
        var (log, license, _) = History();
        var retired = Federation.NewIssuer("bj");
        var current = Federation.NewIssuer("bj");
        var policy = new TrustPolicy(Suite, [Federation.Trusted("bj", retired, current), Federation.Trusted("tj"), Federation.Trusted("he")], 1);
        var body = log.Checkpoint().ToBody();

        var checks = new[] { retired, current, Federation.Issuer("bj") }.Select(key =>
            BundleVerifier.Verify(log.Bundle(license, TestLog.Cosign(Regional.LicenseVerifier.Notes.SignedNote.Sign(body, key), CosignedAt, Federation.Witness("he"))), policy, Now));

        Assert.That(checks.Select(c => c.Failure), Is.EqualTo(new[] { BundleFailure.None, BundleFailure.None, BundleFailure.IssuerSignature }));
    }
}
