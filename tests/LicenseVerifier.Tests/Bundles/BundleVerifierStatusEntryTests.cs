using Google.Protobuf;
using Regional.LicenseVerifier.Bundles;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>Status entries that cannot be counted: the bundle is rejected, never answered from them.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BundleVerifierStatusEntryTests(string suiteName) : BundleFixture(suiteName)
{
    [Test]
    public void Verify_StatusEntryAboutAnotherLicence_BadStatusEntry()
    {
        var log = Federation.NewLog("bj");
        var license = log.Append(LicenseEntries.Issued(Suite));
        log.Append(LicenseEntries.Issued(Suite, "BJ-2026-000124"));
        var other = log.Append(LicenseEntries.StatusChanged(LicenseStatus.Revoked, "BJ-2026-000124"));

        var check = Verify(log.Bundle(license, log.Sign(CosignedAt, Federation.Witness("tj")), other));

        AssertFails(check, BundleFailure.BadStatusEntry);
        Assert.That(check.Passed, Has.Member("licence entry included at leaf 0"));
    }

    [Test]
    public void Verify_LicenceEntryAsStatusEntry_BadStatusEntry()
    {
        var (log, license, _) = History();

        AssertFails(Verify(log.Bundle(license, log.Sign(CosignedAt, Federation.Witness("tj")), license)), BundleFailure.BadStatusEntry);
    }

    [Test]
    public void Verify_StatusEntryPathBroken_BadStatusEntry()
    {
        var bundle = Bundle(LicenseStatus.Suspended, LicenseStatus.Active);
        var path = bundle.StatusEntries[1].InclusionPath;
        var hash = path[0].ToByteArray();
        hash[0] ^= 0x01;
        path[0] = ByteString.CopyFrom(hash);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadStatusEntry);
        Assert.That(check.Detail, Does.Contain($"leaf {bundle.StatusEntries[1].LeafIndex}").And.Contain("RootMismatch"));
    }

    [TestCase(new[] { LicenseStatus.Unspecified })]
    [TestCase(new[] { LicenseStatus.Active })]
    [TestCase(new[] { LicenseStatus.Revoked, LicenseStatus.Active })]
    [TestCase(new[] { LicenseStatus.Suspended, LicenseStatus.Suspended })]
    public void Verify_ImpossibleStatusChange_BadStatusEntry(LicenseStatus[] changes)
    {
        var check = Verify(Bundle(changes));

        AssertFails(check, BundleFailure.BadStatusEntry);
        Assert.That(check.Detail, Does.Contain("allowed status change"));
    }

    [Test]
    public void Verify_StatusEntryClaimsOtherLeaf_BadStatusEntry()
    {
        var bundle = Bundle(LicenseStatus.Revoked);
        bundle.StatusEntries[0].LeafIndex++;

        AssertFails(Verify(bundle), BundleFailure.BadStatusEntry);
    }

    [Test]
    public void Verify_StatusEntryTextChanged_BadStatusEntry()
    {
        var bundle = Bundle(LicenseStatus.Suspended);
        var change = LedgerEntry.Parser.ParseFrom(bundle.StatusEntries[0].Entry);
        change.LicenseStatusChanged.Status = LicenseStatus.Active;
        bundle.StatusEntries[0].Entry = change.ToByteString();

        AssertFails(Verify(bundle), BundleFailure.BadStatusEntry);
    }

    [Test]
    public void Verify_StatusEntriesOutOfOrder_BadStatusEntry()
    {
        var bundle = Bundle(LicenseStatus.Suspended, LicenseStatus.Revoked);
        var (suspended, revoked) = (bundle.StatusEntries[0], bundle.StatusEntries[1]);
        bundle.StatusEntries.Clear();
        bundle.StatusEntries.Add([revoked, suspended]);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadStatusEntry);
        Assert.That(check.Detail, Does.Contain($"leaf {suspended.LeafIndex}"));
    }

    [Test]
    public void Verify_StatusEntryRepeated_BadStatusEntry()
    {
        var bundle = Bundle(LicenseStatus.Suspended, LicenseStatus.Active);
        bundle.StatusEntries.Add(bundle.StatusEntries[0].Clone());

        AssertFails(Verify(bundle), BundleFailure.BadStatusEntry);
    }
}
