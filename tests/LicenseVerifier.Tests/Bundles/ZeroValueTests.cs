using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>In a verifier, a value nobody computed must never read as a check that passed.</summary>
[TestFixture]
public sealed class ZeroValueTests
{
    [Test]
    public void NoteCheck_UnsetFailure_NotValid() =>
        Assert.That(new NoteCheck(default, null).IsValid, Is.False);

    [Test]
    public void BlockCheck_UnsetFailure_NotValid() =>
        Assert.That(new BlockCheck(default, "").IsValid, Is.False);

    [Test]
    public void BundleCheck_UnsetFailure_NotValid() =>
        Assert.That(new BundleCheck { Failure = default, Detail = "" }.IsValid, Is.False);

    [Test]
    public void FailureEnums_ZeroIsNotChecked()
    {
        Assert.That((NoteFailure)0, Is.EqualTo(NoteFailure.NotChecked));
        Assert.That((BlockFailure)0, Is.EqualTo(BlockFailure.NotChecked));
        Assert.That((BundleFailure)0, Is.EqualTo(BundleFailure.NotChecked));
    }
}
