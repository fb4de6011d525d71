using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Ledger;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>Failures of the entries of a block whose header, signature and root are all correct:
/// Malformed entry bytes, and InvalidEntry for each rule an entry can break, alone or given the
/// entries before it (in the mirror or earlier in the same block).</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BlockValidatorEntryTests(string suiteName) : MirrorFixture(suiteName)
{
    [TestCase("ff", TestName = "Validate_EntryInvalidTag_Malformed")]
    [TestCase("0a", TestName = "Validate_EntryLengthMissing_Malformed")]
    [TestCase("12ff01", TestName = "Validate_EntryLengthBeyondEnd_Malformed")]
    public void Validate_EntryNotProtobuf_Malformed(string hex)
    {
        var (chain, mirror) = Started();
        var block = chain.Build([Issued(3).ToByteArray(), Convert.FromHexString(hex)]);

        var check = AssertRefused(mirror, block, BlockFailure.Malformed);

        Assert.That(check.Detail, Does.Contain("leaf 5"));
    }

    [Test]
    public void Validate_EntryTruncatedAndResealed_Malformed()
    {
        var (chain, mirror) = Started();
        var bytes = Issued(3).ToByteArray();

        AssertRefused(mirror, chain.Build([bytes[..^3]]), BlockFailure.Malformed);
    }

    [TestCase("FormatVersion2", "format_version 2")]
    [TestCase("FormatVersion0", "format_version 0")]
    [TestCase("RegionOfOtherLog", "region 'tj'")]
    [TestCase("RegionUpperCase", "region 'BJ'")]
    [TestCase("RecordedAtMissing", "recorded_at")]
    [TestCase("RecordedAtOutOfRange", "recorded_at")]
    [TestCase("NoKind", "no entry kind")]
    [TestCase("IdOfOtherRegion", "TJ-2026-000001")]
    [TestCase("IdMalformed", "BJ-26-1")]
    [TestCase("IssuedTwiceAcrossBlocks", "already issued")]
    [TestCase("IssuedTwiceInBlock", "already issued")]
    [TestCase("DigestsUnsorted", "not sorted")]
    [TestCase("DigestsRepeated", "not sorted")]
    [TestCase("Digest31Bytes", "31 bytes")]
    [TestCase("StatusOfNeverIssued", "never issued")]
    [TestCase("StatusUnspecified", "not allowed")]
    [TestCase("AmendedToWrongVersion", "want 2")]
    [TestCase("AmendedSameVersion", "want 2")]
    [TestCase("AmendedNeverIssued", "never issued")]
    [TestCase("AmendedAfterRevokedInBlock", "revoked")]
    [TestCase("AmendedAfterRevokedInMirror", "revoked")]
    [TestCase("ReinstatedAfterRevoked", "from Revoked to Active")]
    [TestCase("RevokedTwice", "not allowed")]
    [TestCase("ConsentForNeverIssued", "never issued")]
    [TestCase("AccessForNeverIssued", "never issued")]
    [TestCase("CatalogRevision0", "revision")]
    public void Validate_EntryBreaksRule_InvalidEntry(string scenario, string detail)
    {
        var (chain, mirror) = Started();
        mirror.ReceiveAll(chain.Seal(Status(2, LicenseStatus.Revoked)));
        var entries = Breaking(scenario);
        var block = chain.Seal([Issued(10), .. entries]);

        var check = AssertRefused(mirror, block, BlockFailure.InvalidEntry);

        Assert.That(check.Detail, Does.Contain(detail).And.Contain($"leaf {6 + entries.Length}"));
        Assert.That(mirror.History.Find(Id(10)), Is.Null, "nothing of a refused block is stored");
    }

    [Test]
    public void Validate_InvalidEntryAfterValidBlock_LaterBlockStillRefused()
    {
        // The overlay of one block is not leaked into the next validation.
        var (chain, mirror) = Started();
        var refused = chain.Build([Issued(3).ToByteArray(), Status(9, LicenseStatus.Revoked).ToByteArray()]);
        AssertRefused(mirror, refused, BlockFailure.InvalidEntry);

        var check = mirror.Validate(chain.Seal(Status(3, LicenseStatus.Suspended)));

        Assert.That(check.Failure, Is.EqualTo(BlockFailure.InvalidEntry), check.Detail);
    }

    /// <summary>Entries whose last one breaks a rule; licence 1 is active, 2 revoked in the mirror.</summary>
    private LedgerEntry[] Breaking(string scenario) => scenario switch
    {
        "FormatVersion2" => [Change(Issued(3), e => e.FormatVersion = 2)],
        "FormatVersion0" => [Change(Issued(3), e => e.FormatVersion = 0)],
        "RegionOfOtherLog" => [Change(Issued(3), e => e.Region = "tj")],
        "RegionUpperCase" => [Change(Issued(3), e => e.Region = "BJ")],
        "RecordedAtMissing" => [Change(Issued(3), e => e.RecordedAt = null)],
        "RecordedAtOutOfRange" => [Change(Issued(3), e => e.RecordedAt = new Timestamp { Seconds = 253_402_300_800 })],
        "NoKind" => [ChainEntries.Entry(Region, _ => { })],
        "IdOfOtherRegion" => [ChainEntries.Issued(Suite, Region, "TJ-2026-000001")],
        "IdMalformed" => [ChainEntries.Issued(Suite, Region, "BJ-26-1")],
        "IssuedTwiceAcrossBlocks" => [Issued(1)],
        "IssuedTwiceInBlock" => [Issued(3), Issued(3)],
        "DigestsUnsorted" => [Digests(Issued(3), ChainEntries.Digests(Suite, ["id_number", "address"]))],
        "DigestsRepeated" => [Digests(Issued(3), ChainEntries.Digests(Suite, ["address", "address"]))],
        "Digest31Bytes" => [Digests(Issued(3), ChainEntries.Digests(Suite, ["address", "holder_name"], hashSize: 31))],
        "StatusOfNeverIssued" => [Status(9, LicenseStatus.Suspended)],
        "StatusUnspecified" => [Status(1, LicenseStatus.Unspecified)],
        "AmendedToWrongVersion" => [ChainEntries.Amended(Suite, Region, Id(1), 3)],
        "AmendedSameVersion" => [ChainEntries.Amended(Suite, Region, Id(1), 1)],
        "AmendedNeverIssued" => [ChainEntries.Amended(Suite, Region, Id(9), 2)],
        "AmendedAfterRevokedInBlock" => [Status(1, LicenseStatus.Revoked), ChainEntries.Amended(Suite, Region, Id(1), 2)],
        "AmendedAfterRevokedInMirror" => [ChainEntries.Amended(Suite, Region, Id(2), 2)],
        "ReinstatedAfterRevoked" => [Status(1, LicenseStatus.Revoked), Status(1, LicenseStatus.Active)],
        "RevokedTwice" => [Status(2, LicenseStatus.Revoked)],
        "ConsentForNeverIssued" => [ChainEntries.Consent(Region, Id(9))],
        "AccessForNeverIssued" => [ChainEntries.Access(Region, Id(9), 1)],
        "CatalogRevision0" => [ChainEntries.Catalog(Region, revision: 0)],
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "unknown scenario"),
    };

    private static LedgerEntry Change(LedgerEntry entry, Action<LedgerEntry> change)
    {
        change(entry);
        return entry;
    }

    private static LedgerEntry Digests(LedgerEntry issued, IEnumerable<FieldDigest> digests)
    {
        issued.LicenseIssued.FieldDigests.Clear();
        issued.LicenseIssued.FieldDigests.Add(digests);
        return issued;
    }
}
