using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>Valid ledger entries of every kind for one region's log, and the parts to break them with.</summary>
internal static class ChainEntries
{
    public static readonly DateTimeOffset RecordedAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static readonly string[] FieldNames = ["address", "holder_name", "id_number"];

    /// <summary>The licence id number n of a region, e.g. "BJ-2026-000007".</summary>
    public static string LicenseId(string region, int n) => $"{region.ToUpperInvariant()}-2026-{n:D6}";

    public static LedgerEntry Issued(Suite suite, string region, string licenseId)
    {
        var issued = new LicenseIssued
        {
            LicenseId = licenseId,
            LicenseType = "business-licence",
            IssuingDepartment = $"{region}-samr",
            Validity = Validity(),
        };
        issued.FieldDigests.Add(Digests(suite, FieldNames));
        return Entry(region, e => e.LicenseIssued = issued);
    }

    public static LedgerEntry Amended(Suite suite, string region, string licenseId, uint version)
    {
        var amended = new LicenseAmended { LicenseId = licenseId, Version = version, Validity = Validity() };
        amended.FieldDigests.Add(Digests(suite, FieldNames));
        return Entry(region, e => e.LicenseAmended = amended);
    }

    public static LedgerEntry Status(string region, string licenseId, LicenseStatus status) =>
        Entry(region, e => e.LicenseStatusChanged = new LicenseStatusChanged
        {
            LicenseId = licenseId,
            Status = status,
            Reason = status == LicenseStatus.Active ? StatusReason.ComplianceRestored : StatusReason.Compliance,
        });

    public static LedgerEntry Catalog(string region, uint revision = 1) =>
        Entry(region, e => e.CatalogEntry = new CatalogEntry
        {
            LicenseType = new LicenseType { Code = "business-licence", NameZh = "营业执照", NameEn = "Business licence", OwningDepartment = $"{region}-samr" },
            Revision = revision,
        });

    public static LedgerEntry Consent(string region, string licenseId) =>
        Entry(region, e => e.ConsentGranted = new ConsentGranted
        {
            GrantId = $"grant-{licenseId}",
            LicenseId = licenseId,
            RelyingDepartment = "tj-tax",
            MatterCode = "TJ-0042",
            MatterName = "企业登记",
            Fields = { "holder_name" },
            ExpiresAt = Timestamp.FromDateTimeOffset(RecordedAt.AddDays(30)),
        });

    public static LedgerEntry Access(string region, string licenseId, int n) =>
        Entry(region, e => e.AccessRecorded = new AccessRecorded
        {
            LicenseId = licenseId,
            Kind = AccessKind.Query,
            RelyingDepartment = "tj-tax",
            Clerk = $"clerk-{n}",
            RequestingRegion = "tj",
            AccessedAt = Timestamp.FromDateTimeOffset(RecordedAt),
        });

    /// <summary>A digest per name, in the given order, of hashSize bytes.</summary>
    public static IEnumerable<FieldDigest> Digests(Suite suite, IEnumerable<string> names, int hashSize = Suite.HashSize) =>
        names.Select(name => new FieldDigest { Name = name, Digest = ByteString.CopyFrom(suite.Hash(Encoding.UTF8.GetBytes(name)), 0, hashSize) });

    /// <summary>An entry of version 1 for region, recorded at <see cref="RecordedAt"/>, of the kind set by kind.</summary>
    public static LedgerEntry Entry(string region, Action<LedgerEntry> kind)
    {
        var entry = new LedgerEntry { FormatVersion = 1, Region = region, RecordedAt = Timestamp.FromDateTimeOffset(RecordedAt) };
        kind(entry);
        return entry;
    }

    private static Validity Validity() => new()
    {
        NotBefore = Timestamp.FromDateTimeOffset(RecordedAt),
        NotAfter = Timestamp.FromDateTimeOffset(RecordedAt.AddYears(5)),
    };
}
