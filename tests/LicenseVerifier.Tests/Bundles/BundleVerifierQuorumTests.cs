using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>The witness quorum: only valid cosignatures by other regions' witnesses count.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BundleVerifierQuorumTests(string suiteName) : BundleFixture(suiteName)
{
    [Test]
    public void Verify_NoCosignatureQuorumOne_TooFewCosignatures()
    {
        var (log, license, _) = History();

        var check = Verify(log.Bundle(license, log.Sign(CosignedAt)));

        AssertFails(check, BundleFailure.TooFewCosignatures);
        Assert.That(check.Detail, Does.StartWith("0 valid cosignatures, want 1"));
        Assert.That(check.Passed, Is.EqualTo(IssuerSigned));
    }

    [Test]
    public void Verify_NoCosignatureQuorumZero_Valid()
    {
        var (log, license, _) = History();

        var check = Verify(log.Bundle(license, log.Sign(CosignedAt)), quorum: 0);

        Assert.That(check.IsValid, Is.True, check.Detail);
        Assert.That(check.Cosignatures, Is.Empty);
    }

    [Test]
    public void Verify_OnlyIssuerRegionsOwnWitness_TooFewCosignatures()
    {
        var (log, license, _) = History();

        var check = Verify(log.Bundle(license, log.Sign(CosignedAt, Federation.Witness("bj"))));

        AssertFails(check, BundleFailure.TooFewCosignatures);
    }

    [Test]
    public void Verify_ForgedCosignature_NotCountedAndReported()
    {
        var (log, license, _) = History();
        var note = log.Sign(CosignedAt, Federation.Witness("tj"));
        var cosignature = note.Signatures[1];
        var bytes = cosignature.Signature.ToArray();
        bytes[^1] ^= 0x01;
        var forged = note.WithSignature(cosignature with { Signature = bytes });

        var check = Verify(log.Bundle(license, forged));

        AssertFails(check, BundleFailure.TooFewCosignatures);
        Assert.That(check.Detail, Does.Contain("witness.regional.example/tj"));
    }

    [Test]
    public void Verify_CosignatureOfAnotherCheckpoint_NotCounted()
    {
        var (log, license, _) = History();
        var stale = log.Checkpoint();
        log.Append(LicenseEntries.Filler(100));
        var note = log.Sign(CosignedAt).WithSignature(Cosigner.Cosign(Federation.Witness("tj"), stale, CosignedAt));

        AssertFails(Verify(log.Bundle(license, note)), BundleFailure.TooFewCosignatures);
    }

    [TestCase(1, new[] { "tj" }, true)]
    [TestCase(1, new[] { "he" }, true)]
    [TestCase(1, new[] { "bj", "he" }, true)]
    [TestCase(2, new[] { "tj" }, false)]
    [TestCase(2, new[] { "bj", "tj" }, false)]
    [TestCase(2, new[] { "tj", "he" }, true)]
    [TestCase(3, new[] { "bj", "tj", "he" }, false)]
    public void Verify_Cosigners_CountOnlyOtherRegions(int quorum, string[] cosigners, bool valid)
    {
        var (log, license, _) = History();
        var note = log.Sign(CosignedAt, [.. cosigners.Select(Federation.Witness)]);

        var check = Verify(log.Bundle(license, note), quorum);

        Assert.That(check.IsValid, Is.EqualTo(valid), check.Detail);
        Assert.That(check.Failure, Is.EqualTo(valid ? BundleFailure.None : BundleFailure.TooFewCosignatures));
        if (valid)
        {
            Assert.That(check.Cosignatures.Select(c => c.Name), Is.EquivalentTo(cosigners.Where(r => r != "bj").Select(r => $"witness.regional.example/{r}")));
        }
    }
}
