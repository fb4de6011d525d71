using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Digests;
using Regional.V1;

namespace Regional.Vectors;

/// <summary>The licence of the bundle vectors, a Beijing business licence (营业执照) as the README's
/// quick start issues it, with fixed salts; and the other entries of its log.</summary>
internal sealed class VectorLicense(Suite suite, string licenseId, Validity validity, uint version = 1, string address = "北京市朝阳区示例路1号")
{
    public const string Region = "bj";

    public static readonly DateTimeOffset RecordedAt = new(2026, 6, 1, 7, 57, 0, TimeSpan.Zero);

    public string LicenseId => licenseId;

    public uint Version => version;

    /// <summary>The fields, sorted by name as the log commits them.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields =>
    [
        ("address", address),
        ("company_name", "示例科技有限公司"),
        ("company_type", "有限责任公司"),
        ("credit_code", "91110105MA01ABCD2X"),
        ("established_on", "2020-05-01"),
        ("legal_representative", "张三"),
    ];

    public static Validity Years(int fromYear, int? toYear) => new()
    {
        NotBefore = Timestamp.FromDateTimeOffset(new DateTimeOffset(fromYear, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        NotAfter = toYear is { } to ? Timestamp.FromDateTimeOffset(new DateTimeOffset(to, 1, 1, 0, 0, 0, TimeSpan.Zero)) : null,
    };

    /// <summary>The salt of a field: fixed per licence, version and name.</summary>
    public byte[] Salt(string name) => suite.Hash(Encoding.UTF8.GetBytes($"salt/{licenseId}/{version}/{name}"))[..FieldDigests.SaltSize];

    /// <summary>The LicenseIssued entry (version 1) or the LicenseAmended entry of this version.</summary>
    public LedgerEntry Entry()
    {
        var digests = Fields.Select(f => new FieldDigest { Name = f.Name, Digest = ByteString.CopyFrom(FieldDigests.Compute(suite, Salt(f.Name), f.Name, f.Value)) });
        var entry = Base();
        if (version == 1)
        {
            entry.LicenseIssued = new LicenseIssued { LicenseId = licenseId, LicenseType = "business-licence", IssuingDepartment = "bj-samr", Validity = validity };
            entry.LicenseIssued.FieldDigests.Add(digests);
        }
        else
        {
            entry.LicenseAmended = new LicenseAmended { LicenseId = licenseId, Version = version, Validity = validity };
            entry.LicenseAmended.FieldDigests.Add(digests);
        }
        return entry;
    }

    /// <summary>The holder's document: every field with its value and salt.</summary>
    public LicenseDocument Document()
    {
        var document = new LicenseDocument
        {
            LicenseId = licenseId,
            LicenseType = "business-licence",
            IssuingRegion = Region,
            IssuingDepartment = "bj-samr",
            Version = version,
            Validity = validity,
        };
        document.Fields.Add(Fields.Select(f => new DisclosedField { Name = f.Name, Value = f.Value, Salt = ByteString.CopyFrom(Salt(f.Name)) }));
        return document;
    }

    public LedgerEntry StatusChanged(LicenseStatus status, StatusReason reason)
    {
        var entry = Base();
        entry.LicenseStatusChanged = new LicenseStatusChanged { LicenseId = licenseId, Status = status, Reason = reason };
        return entry;
    }

    /// <summary>An entry that is not about the licence: a recorded access to another one.</summary>
    public static LedgerEntry Filler(int n)
    {
        var entry = Base();
        entry.AccessRecorded = new AccessRecorded
        {
            LicenseId = "BJ-2026-000122",
            Kind = AccessKind.Query,
            RelyingDepartment = "tj-housing",
            Clerk = $"clerk-{n}",
            MatterCode = "tj-housing-001",
            RequestingRegion = "tj",
            AccessedAt = Timestamp.FromDateTimeOffset(RecordedAt),
        };
        return entry;
    }

    private static LedgerEntry Base() => new() { FormatVersion = 1, Region = Region, RecordedAt = Timestamp.FromDateTimeOffset(RecordedAt) };
}
