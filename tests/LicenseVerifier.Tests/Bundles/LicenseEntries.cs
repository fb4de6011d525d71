using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Digests;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>Ledger entries of a small licence history, with the holder's fields and salts.</summary>
internal static class LicenseEntries
{
    public const string LicenseId = "BJ-2026-000123";

    public static readonly DateTimeOffset NotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset NotAfter = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The holder's fields: name, value and the issuer's fixed salt, sorted by name.</summary>
    public static readonly (string Name, string Value, byte[] Salt)[] Fields =
    [
        ("address", "北京市东城区景山前街4号", Salt(1)),
        ("holder_name", "张三", Salt(2)),
        ("id_number", "11010119900307001X", Salt(3)),
    ];

    public static LedgerEntry Issued(Suite suite, string licenseId = LicenseId, string region = "bj")
    {
        var issued = new LicenseIssued
        {
            LicenseId = licenseId,
            LicenseType = "business_licence",
            IssuingDepartment = "BJ-SAMR",
            Validity = new Validity { NotBefore = Timestamp.FromDateTimeOffset(NotBefore), NotAfter = Timestamp.FromDateTimeOffset(NotAfter) },
        };
        issued.FieldDigests.Add(Fields.Select(f => new FieldDigest
        {
            Name = f.Name,
            Digest = ByteString.CopyFrom(FieldDigests.Compute(suite, f.Salt, f.Name, f.Value)),
        }));
        return Entry(region, e => e.LicenseIssued = issued);
    }

    public static LedgerEntry StatusChanged(LicenseStatus status, string licenseId = LicenseId) =>
        Entry("bj", e => e.LicenseStatusChanged = new LicenseStatusChanged
        {
            LicenseId = licenseId,
            Status = status,
            Reason = status == LicenseStatus.Active ? StatusReason.ComplianceRestored : StatusReason.Compliance,
        });

    /// <summary>An unrelated entry (an access record) that fills the tree around the licence.</summary>
    public static LedgerEntry Filler(int n) =>
        Entry("bj", e => e.AccessRecorded = new AccessRecorded { LicenseId = $"BJ-2026-{n:D6}", Kind = AccessKind.Query, Clerk = $"clerk-{n}" });

    /// <summary>Every field as the holder's copy discloses it.</summary>
    public static DisclosedField[] DiscloseAll() =>
        [.. Fields.Select(f => new DisclosedField { Name = f.Name, Value = f.Value, Salt = ByteString.CopyFrom(f.Salt) })];

    private static LedgerEntry Entry(string region, Action<LedgerEntry> kind)
    {
        var entry = new LedgerEntry
        {
            FormatVersion = 1,
            Region = region,
            RecordedAt = Timestamp.FromDateTimeOffset(NotBefore),
        };
        kind(entry);
        return entry;
    }

    private static byte[] Salt(byte seed) => Encoding.ASCII.GetBytes($"salt-{seed:D2}-regional").AsSpan(0, FieldDigests.SaltSize).ToArray();
}
