using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>A trust policy with a region's key history: a retired key verifies checkpoints up to
/// the last size it signed, and is refused beyond, even beside a good signature by the current key.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BundleVerifierRetiredKeyTests(string suiteName) : BundleFixture(suiteName)
{
    [TestCase(6UL, BundleFailure.None, TestName = "Verify_RetiredKeyAtItsLastSize_Valid")]
    [TestCase(7UL, BundleFailure.None, TestName = "Verify_RetiredKeyBelowItsLastSize_Valid")]
    [TestCase(5UL, BundleFailure.RetiredIssuerKey, TestName = "Verify_RetiredKeyBeyondItsLastSize_RetiredIssuerKey")]
    public void Verify_SignedByRetiredKey_BoundedByLastTreeSize(ulong lastTreeSize, BundleFailure expected)
    {
        var (log, license, _) = History();
        var current = Federation.NewIssuer("bj");

        var check = BundleVerifier.Verify(log.Bundle(license, log.Sign(CosignedAt, Federation.Witness("tj"))), Policy(current, lastTreeSize), Now);

        Assert.That(check.Failure, Is.EqualTo(expected), check.Detail);
        Assert.That(check.Detail, expected == BundleFailure.None ? Does.Not.Contain("retired") : Does.Contain("signed by a retired key beyond its last size"));
    }

    [Test]
    public void Verify_SignedByCurrentKeyAfterRotation_Valid()
    {
        var (log, license, _) = History();
        var current = Federation.NewIssuer("bj");
        var note = TestLog.Cosign(SignedNote.Sign(log.Checkpoint().ToBody(), current), CosignedAt, Federation.Witness("tj"));

        var check = BundleVerifier.Verify(log.Bundle(license, note), Policy(current, lastTreeSize: 2), Now);

        Assert.That(check.Failure, Is.EqualTo(BundleFailure.None), check.Detail);
    }

    [Test]
    public void Verify_RetiredKeyBeyondItsSizeBesideCurrentKey_RetiredIssuerKey()
    {
        var (log, license, _) = History();
        var current = Federation.NewIssuer("bj");
        var both = SignedNote.Sign(log.Checkpoint().ToBody(), current, Federation.Issuer("bj"));

        var check = BundleVerifier.Verify(log.Bundle(license, TestLog.Cosign(both, CosignedAt, Federation.Witness("tj"))), Policy(current, lastTreeSize: 2), Now);

        AssertFails(check, BundleFailure.RetiredIssuerKey);
    }

    /// <summary>bj trusted with the current key, and its first key retired at lastTreeSize.</summary>
    private TrustPolicy Policy(NoteSigner current, ulong lastTreeSize) => new(Suite,
        [
            Federation.Trusted("bj", current) with { RetiredIssuerKeys = [new RetiredKey(Federation.Issuer("bj").Verifier, lastTreeSize)] },
            Federation.Trusted("tj"),
            Federation.Trusted("he"),
        ], 1);
}
