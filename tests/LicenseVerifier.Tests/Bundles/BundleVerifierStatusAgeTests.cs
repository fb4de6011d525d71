using Regional.LicenseVerifier.Bundles;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>As of when a bundle's status holds: <see cref="BundleCheck.StatusAsOf"/> is the StatusRoot
/// entry's recorded_at; older than the maximum age it is stale but still answered; more than the clock
/// skew ahead of the verifier's clock it is refused.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BundleVerifierStatusAgeTests(string suiteName) : BundleFixture(suiteName)
{
    /// <summary>A bundle of the licence, revoked if asked, whose block was sealed at <paramref name="at"/>.</summary>
    private ProofBundle SealedAt(DateTimeOffset at, bool revoked = false)
    {
        var (log, license, statuses) = History(revoked ? [LicenseStatus.Revoked] : []);
        log.SealBlock(at);
        return log.Bundle(license, log.Sign(CosignedAt, Federation.Witness("tj")), statuses);
    }

    [Test]
    public void Verify_FreshStatus_AsOfRecordedAtAndNotStale()
    {
        var at = Now.AddMinutes(-3);

        var check = Verify(SealedAt(at));

        Assert.Multiple(() =>
        {
            Assert.That(check.Status, Is.EqualTo(VerificationStatus.Valid), check.Detail);
            Assert.That(check.StatusAsOf, Is.EqualTo(at));
            Assert.That(check.IsStale, Is.False);
            Assert.That(check.MaxStatusAge, Is.EqualTo(TimeSpan.FromHours(24)));
        });
    }

    [TestCase(false, VerificationStatus.Valid)]
    [TestCase(true, VerificationStatus.Revoked)]
    public void Verify_StatusOlderThanDefaultDay_StaleButAnswered(bool revoked, VerificationStatus status)
    {
        var at = Now.AddHours(-25);

        var check = Verify(SealedAt(at, revoked));

        Assert.Multiple(() =>
        {
            Assert.That(check.IsValid, Is.True, check.Detail);
            Assert.That(check.Status, Is.EqualTo(status));
            Assert.That(check.IsStale, Is.True);
            Assert.That(check.StatusAsOf, Is.EqualTo(at));
        });
    }

    [TestCase(24 * 60, false)]
    [TestCase(24 * 60 + 1, true)]
    public void Verify_AgeAroundMaximum_StaleOnlyBeyondIt(int minutes, bool stale)
    {
        var check = Verify(SealedAt(Now.AddMinutes(-minutes)));

        Assert.That(check.IsStale, Is.EqualTo(stale), check.Detail);
    }

    [Test]
    public void Verify_CallersMaximumAge_OverridesPolicy()
    {
        var bundle = SealedAt(Now.AddHours(-25));

        var lenient = Verify(bundle, maxStatusAge: TimeSpan.FromHours(26));
        var strict = Verify(SealedAt(Now.AddMinutes(-2)), maxStatusAge: TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(lenient.IsStale, Is.False, lenient.Detail);
            Assert.That(lenient.MaxStatusAge, Is.EqualTo(TimeSpan.FromHours(26)));
            Assert.That(strict.IsStale, Is.True, strict.Detail);
        });
    }

    [Test]
    public void Verify_PolicyMaximumAge_Used()
    {
        var policy = new TrustPolicy(Suite, TestFederation.Regions.Select(r => Federation.Trusted(r)), 1) { MaxStatusAge = TimeSpan.FromHours(1) };

        var check = BundleVerifier.Verify(SealedAt(Now.AddHours(-2)), policy, Now);

        Assert.That(check.IsStale, Is.True, check.Detail);
        Assert.That(check.MaxStatusAge, Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [TestCase(301, false)]
    [TestCase(300, true)]
    [TestCase(-86_400 * 400, true)]
    public void Verify_StatusAheadOfClock_RefusedBeyondFiveMinutes(int secondsAhead, bool accepted)
    {
        var check = Verify(SealedAt(Now.AddSeconds(secondsAhead)));

        if (accepted)
        {
            Assert.That(check.Status, Is.EqualTo(VerificationStatus.Valid), check.Detail);
        }
        else
        {
            AssertFails(check, BundleFailure.BadStatusProof);
            Assert.That(check.Detail, Does.Contain("ahead of this machine's clock"));
        }
    }
}
