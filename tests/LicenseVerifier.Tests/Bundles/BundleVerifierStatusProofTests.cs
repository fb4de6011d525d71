using Google.Protobuf;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Tests.Ledger;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>The bundle's status proof: it is required, its StatusRoot entry must be the checkpoint's
/// last leaf and included, its map path must lead to that root and be about the bundle's licence, and
/// the map entry must agree with the bundle's entries; a later version in the map makes the copy
/// superseded.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BundleVerifierStatusProofTests(string suiteName) : BundleFixture(suiteName)
{
    private const string OtherLicense = "BJ-2026-000007";

    /// <summary>Beijing's log with twenty other licences beside ours, so the map path has levels; the block is open.</summary>
    private (TestLog Log, ulong License) Crowded()
    {
        var log = Federation.NewLog("bj");
        for (var n = 1; n <= 20; n++)
        {
            log.Append(LicenseEntries.Issued(Suite, $"BJ-2026-{n:D6}"));
        }
        var license = log.Append(LicenseEntries.Issued(Suite));
        log.Append(LicenseEntries.Filler(1));
        return (log, license);
    }

    private ProofBundle Bundle(TestLog log, ulong leaf, params ulong[] statuses) =>
        log.Bundle(leaf, log.Sign(CosignedAt, Federation.Witness("tj")), statuses);

    [Test]
    public void Verify_NoStatusProof_MissingStatusProof()
    {
        var bundle = Bundle();
        bundle.StatusProof = null;

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.MissingStatusProof);
        Assert.That(check.Passed, Has.Member("licence entry included at leaf 2"));
    }

    [Test]
    public void Verify_CrowdedMap_ValidWithMapPath()
    {
        var (log, license) = Crowded();
        var bundle = Bundle(log, license);

        var check = Verify(bundle);

        Assert.That(check.Status, Is.EqualTo(VerificationStatus.Valid), check.Detail);
        Assert.That(bundle.StatusProof.MapPath, Has.Count.GreaterThanOrEqualTo(3));
    }

    [Test]
    public void Verify_MapPathSiblingFlipped_BadStatusProof()
    {
        var (log, license) = Crowded();
        var bundle = Bundle(log, license);
        var path = bundle.StatusProof.MapPath;
        var sibling = path[^1].ToByteArray();
        sibling[0] ^= 0x01;
        path[^1] = ByteString.CopyFrom(sibling);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadStatusProof);
        Assert.That(check.Detail, Does.Contain("status map path of " + LicenseEntries.LicenseId));
    }

    [Test]
    public void Verify_MapPathSiblingDropped_BadStatusProof()
    {
        var (log, license) = Crowded();
        var bundle = Bundle(log, license);
        bundle.StatusProof.MapPath.RemoveAt(0);

        AssertFails(Verify(bundle), BundleFailure.BadStatusProof);
    }

    [Test]
    public void Verify_RootEntryOfEarlierBlock_BadStatusProof()
    {
        // The earlier StatusRoot is included in the checkpoint, but a later block may have revoked the licence.
        var (log, license) = Crowded();
        var earlier = log.SealBlock();
        log.Append(LicenseEntries.Filler(2));
        var bundle = Bundle(log, license);
        bundle.StatusProof.RootEntry = log.Inclusion(earlier);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadStatusProof);
        Assert.That(check.Detail, Does.Contain($"last leaf ({bundle.TreeSize - 1}), got leaf {earlier}"));
    }

    [Test]
    public void Verify_RootEntryPathBroken_BadStatusProof()
    {
        var bundle = Bundle();
        var path = bundle.StatusProof.RootEntry.InclusionPath;
        var hash = path[0].ToByteArray();
        hash[^1] ^= 0x80;
        path[0] = ByteString.CopyFrom(hash);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadStatusProof);
        Assert.That(check.Detail, Does.Contain("StatusRoot entry at leaf"));
    }

    [Test]
    public void Verify_RootEntryNotAStatusRoot_BadStatusProof()
    {
        var bundle = Bundle();
        var entry = LedgerEntry.Parser.ParseFrom(bundle.StatusProof.RootEntry.Entry);
        entry.AccessRecorded = new AccessRecorded { LicenseId = LicenseEntries.LicenseId };
        bundle.StatusProof.RootEntry.Entry = entry.ToByteString();

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadStatusProof);
        Assert.That(check.Detail, Does.Contain("is not a StatusRoot entry"));
    }

    [Test]
    public void Verify_StatusProofOfAnotherLicence_BadStatusProof()
    {
        var (log, license) = Crowded();
        var bundle = Bundle(log, license);
        bundle.StatusProof = log.StatusProof(OtherLicense);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadStatusProof);
        Assert.That(check.Detail, Does.Contain($"not about {LicenseEntries.LicenseId}"));
    }

    [Test]
    public void Verify_OtherLicencesPathUnderOurEntry_BadStatusProof()
    {
        var (log, license) = Crowded();
        var bundle = Bundle(log, license);
        bundle.StatusProof.MapPath.Clear();
        bundle.StatusProof.MapPath.Add(log.StatusProof(OtherLicense).MapPath);

        AssertFails(Verify(bundle), BundleFailure.BadStatusProof);
    }

    [TestCase(LicenseStatus.Revoked)]
    [TestCase(LicenseStatus.Suspended)]
    public void Verify_MapEntryStatusEdited_BadStatusProof(LicenseStatus status)
    {
        var bundle = Bundle();
        bundle.StatusProof.Entry.Status = status;

        AssertFails(Verify(bundle), BundleFailure.BadStatusProof);
    }

    [Test]
    public void Verify_RevocationOmittedFromBundle_StatusProofDisagrees()
    {
        // The map proves REVOKED at the revocation's leaf; the bundle holds only the issuance.
        var (log, license, statuses) = History(LicenseStatus.Revoked);
        var bundle = Bundle(log, license);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.StatusProofDisagrees);
        Assert.That(bundle.StatusProof.Entry.Status, Is.EqualTo(LicenseStatus.Revoked));
        Assert.That(check.Detail, Does.Contain($"state set at leaf {statuses[0]}").And.Contain($"leaf {license}"));
    }

    [Test]
    public void Verify_MapVersionLowerThanEntry_StatusProofDisagrees()
    {
        // The issuer logged an amendment but left it out of its map.
        var log = Federation.NewLog("bj");
        log.Append(LicenseEntries.Issued(Suite));
        var amended = log.AppendBytes(ChainEntries.Amended(Suite, "bj", LicenseEntries.LicenseId, 2).ToByteArray());

        var check = Verify(Bundle(log, amended));

        AssertFails(check, BundleFailure.StatusProofDisagrees);
        Assert.That(check.Detail, Does.Contain("version 1, but the bundle's entry is version 2"));
    }

    [Test]
    public void Verify_AmendedSinceCopy_SupersededWithCurrentVersion()
    {
        var log = Federation.NewLog("bj");
        var issued = log.Append(LicenseEntries.Issued(Suite));
        var amended = log.Append(ChainEntries.Amended(Suite, "bj", LicenseEntries.LicenseId, 2));

        var old = Verify(Bundle(log, issued));
        var current = Verify(Bundle(log, amended));

        Assert.Multiple(() =>
        {
            Assert.That(old.IsValid, Is.True, old.Detail);
            Assert.That(old.Status, Is.EqualTo(VerificationStatus.Superseded));
            Assert.That(old.CurrentVersion, Is.EqualTo(2u));
            Assert.That(old.Detail, Does.Contain($"version 2 (leaf {amended})"));
            Assert.That(current.Status, Is.EqualTo(VerificationStatus.Valid), current.Detail);
            Assert.That(current.CurrentVersion, Is.Null);
        });
    }

    [Test]
    public void Verify_AmendedThenRevokedSinceCopy_RevokedWithCurrentVersion()
    {
        var log = Federation.NewLog("bj");
        var issued = log.Append(LicenseEntries.Issued(Suite));
        log.Append(ChainEntries.Amended(Suite, "bj", LicenseEntries.LicenseId, 2));
        log.Append(LicenseEntries.StatusChanged(LicenseStatus.Revoked));

        var check = Verify(Bundle(log, issued));

        Assert.That(check.Status, Is.EqualTo(VerificationStatus.Revoked), check.Detail);
        Assert.That(check.CurrentVersion, Is.EqualTo(2u));
    }

    [Test]
    public void CheckAbsent_NeverIssuedLicence_ProvenAbsentAsOfRootEntry()
    {
        var (log, _) = Crowded();
        var proof = log.StatusProof("BJ-2026-000999");
        var checkpoint = log.Checkpoint();

        var (asOf, problem) = StatusProofCheck.CheckAbsent(Suite, "bj", checkpoint, proof, "BJ-2026-000999");
        var (_, issued) = StatusProofCheck.CheckAbsent(Suite, "bj", checkpoint, proof, OtherLicense);

        Assert.Multiple(() =>
        {
            Assert.That(proof.Entry, Is.Null);
            Assert.That(problem, Is.Null);
            Assert.That(asOf, Is.EqualTo(TestLog.BlockTime));
            Assert.That(issued, Is.Not.Null, "the path of an absent id proves nothing about an issued one");
        });
    }

    [Test]
    public void CheckAbsent_IssuedLicenceWithEntryRemoved_Refused()
    {
        var (log, _) = Crowded();
        var proof = log.StatusProof(OtherLicense);
        proof.Entry = null;

        var (_, problem) = StatusProofCheck.CheckAbsent(Suite, "bj", log.Checkpoint(), proof, OtherLicense);

        Assert.That(problem, Does.Contain("status map path"));
    }
}
