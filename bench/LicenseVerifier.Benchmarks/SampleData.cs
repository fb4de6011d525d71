using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Digests;
using Regional.V1;

namespace Regional.LicenseVerifier.Benchmarks;

/// <summary>Inputs shaped like production data: a licence entry of about 300 bytes.</summary>
internal static class SampleData
{
    public const string LicenseId = "BJ-2026-000123";

    public static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A LicenseIssued entry with five salted field digests, serialised (about 300 bytes).</summary>
    public static byte[] LicenseEntry(Suite suite)
    {
        var issued = new LicenseIssued
        {
            LicenseId = LicenseId,
            LicenseType = "business_licence",
            IssuingDepartment = "BJ-SAMR",
            Validity = new Validity
            {
                NotBefore = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
                NotAfter = Timestamp.FromDateTimeOffset(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            },
        };
        string[] names = ["address", "company_name", "holder_name", "id_number", "scope"];
        for (var i = 0; i < names.Length; i++)
        {
            var salt = new byte[FieldDigests.SaltSize];
            salt[0] = (byte)i;
            var digest = FieldDigests.Compute(suite, salt, names[i], $"value of {names[i]}");
            issued.FieldDigests.Add(new FieldDigest { Name = names[i], Digest = ByteString.CopyFrom(digest) });
        }
        var entry = new LedgerEntry
        {
            FormatVersion = 1,
            Region = "bj",
            RecordedAt = Timestamp.FromDateTimeOffset(Now),
            LicenseIssued = issued,
        };
        return entry.ToByteArray();
    }
}
