using Google.Protobuf;
using Regional.LicenseVerifier.Bundles;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>Failures of the licence entry, its inclusion proof and its status entries.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BundleVerifierEntryTests(string suiteName) : BundleFixture(suiteName)
{
    [Test]
    public void Verify_AnyBitOfEntryFlipped_BadPathOrBadLeaf()
    {
        var bundle = Bundle();
        var entry = bundle.Entry.ToByteArray();
        var failures = new HashSet<BundleFailure>();

        for (var bit = 0; bit < entry.Length * 8; bit += 3)
        {
            var flipped = (byte[])entry.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var tampered = bundle.Clone();
            tampered.Entry = ByteString.CopyFrom(flipped);
            var check = Verify(tampered);
            Assert.That(check.Failure, Is.AnyOf(BundleFailure.BadPath, BundleFailure.BadLeaf), $"bit {bit}: {check.Detail}");
            failures.Add(check.Failure);
        }

        Assert.That(failures, Is.EquivalentTo(new[] { BundleFailure.BadPath, BundleFailure.BadLeaf }), "both kinds of damage occur");
    }

    [Test]
    public void Verify_LastDigestBitFlipped_BadPath()
    {
        var bundle = Bundle();
        var entry = bundle.Entry.ToByteArray();
        entry[^1] ^= 0x80;
        bundle.Entry = ByteString.CopyFrom(entry);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadPath);
        Assert.That(check.Detail, Does.Contain("RootMismatch"));
        Assert.That(check.Passed, Has.Count.EqualTo(3));
    }

    [Test]
    public void Verify_StatusEntryAsLicenceEntry_BadLeaf()
    {
        var (log, _, statuses) = History(LicenseStatus.Revoked);

        AssertFails(Verify(log.Bundle(statuses[0], log.Sign(CosignedAt, Federation.Witness("tj")))), BundleFailure.BadLeaf);
    }

    [Test]
    public void Verify_LicenceOfAnotherRegionInLog_BadLeaf()
    {
        var log = Federation.NewLog("bj");
        var leaf = log.Append(LicenseEntries.Issued(Suite, "TJ-2026-000001", region: "tj"));

        AssertFails(Verify(log.Bundle(leaf, log.Sign(CosignedAt, Federation.Witness("tj")))), BundleFailure.BadLeaf);
    }

    [TestCase(1UL, "RootMismatch")]
    [TestCase(3UL, "RootMismatch")]
    [TestCase(6UL, "IndexOutOfRange")]
    [TestCase(ulong.MaxValue, "IndexOutOfRange")]
    public void Verify_WrongLeafIndex_BadPath(ulong leafIndex, string reason)
    {
        var bundle = Bundle();
        bundle.LeafIndex = leafIndex;

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadPath);
        Assert.That(check.Detail, Does.Contain(reason));
    }

    [Test]
    public void Verify_TruncatedPath_BadPath()
    {
        var bundle = Bundle();
        bundle.InclusionPath.RemoveAt(bundle.InclusionPath.Count - 1);

        var check = Verify(bundle);

        AssertFails(check, BundleFailure.BadPath);
        Assert.That(check.Detail, Does.Contain("WrongProofLength"));
    }

    [Test]
    public void Verify_PathHashCut_BadPath()
    {
        var bundle = Bundle();
        bundle.InclusionPath[0] = ByteString.CopyFrom(bundle.InclusionPath[0].Span[..31]);

        AssertFails(Verify(bundle), BundleFailure.BadPath);
    }
}
