using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.StatusMap;

/// <summary>The canonical bytes of a status map entry: every entry round-trips through
/// <see cref="StatusMapHashing.Encode"/> and <see cref="StatusMapHashing.Decode"/>, and any bytes that
/// are not exactly what Encode writes decode to null.</summary>
public class StatusMapEncodingTests
{
    private static readonly StatusMapEntry Sample = new()
    {
        LicenseId = "BJ-2026-000123",
        Status = LicenseStatus.Suspended,
        Version = 4,
        LeafIndex = 99,
        NotAfter = new Timestamp { Seconds = 1_924_992_000, Nanos = 7 },
    };

    private static IEnumerable<StatusMapEntry> RoundTrips()
    {
        yield return Sample;
        yield return new StatusMapEntry(Sample) { NotAfter = null };
        yield return new StatusMapEntry(Sample) { LicenseId = "", Status = LicenseStatus.Active };
        yield return new StatusMapEntry(Sample) { LicenseId = "京-2026-证照", Status = LicenseStatus.Revoked };
        yield return new StatusMapEntry(Sample) { LicenseId = new string('x', ushort.MaxValue), Version = uint.MaxValue, LeafIndex = ulong.MaxValue };
        yield return new StatusMapEntry(Sample) { NotAfter = new Timestamp { Seconds = -62_135_596_800, Nanos = 999_999_999 } };
    }

    [TestCaseSource(nameof(RoundTrips))]
    public void Decode_EncodedEntry_SameEntry(StatusMapEntry entry)
    {
        var bytes = StatusMapHashing.Encode(entry);

        Assert.That(StatusMapHashing.Decode(bytes), Is.EqualTo(entry));
    }

    [Test]
    public void Encode_NotAStatusOrIdTooLong_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => StatusMapHashing.Encode(new StatusMapEntry(Sample) { Status = LicenseStatus.Unspecified }), Throws.ArgumentException);
            Assert.That(() => StatusMapHashing.Encode(new StatusMapEntry(Sample) { Status = (LicenseStatus)4 }), Throws.ArgumentException);
            Assert.That(() => StatusMapHashing.Encode(new StatusMapEntry(Sample) { LicenseId = new string('x', ushort.MaxValue + 1) }), Throws.ArgumentException);
            Assert.That(() => StatusMapHashing.Encode(new StatusMapEntry(Sample) { LicenseId = new string('京', 21_846) }), Throws.ArgumentException, "the limit is in UTF-8 bytes");
        });
    }

    [Test]
    public void Decode_EveryTruncationAndExtension_Null()
    {
        foreach (var entry in new[] { Sample, new StatusMapEntry(Sample) { NotAfter = null } })
        {
            var bytes = StatusMapHashing.Encode(entry);
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.That(StatusMapHashing.Decode(bytes.AsSpan(0, length)), Is.Null, $"truncated to {length} of {bytes.Length}");
            }
            Assert.That(StatusMapHashing.Decode([.. bytes, 0x00]), Is.Null, "a trailing byte");
        }
    }

    // Offsets in the encoding of Sample: 0 version, 1-2 id length, 3-16 id, 17 status, 18-21 version,
    // 22-29 leaf index, 30 validity-end flag, 31-42 seconds and nanos.
    [TestCase(0, 0x02, TestName = "Decode_UnknownEncodingVersion_Null")]
    [TestCase(0, 0x00, TestName = "Decode_EncodingVersionZero_Null")]
    [TestCase(2, 0x0F, TestName = "Decode_IdLengthBeyondId_Null")]
    [TestCase(2, 0x0D, TestName = "Decode_IdLengthShort_Null")]
    [TestCase(1, 0xFF, TestName = "Decode_IdLengthBeyondEnd_Null")]
    [TestCase(3, 0xFF, TestName = "Decode_IdNotUtf8_Null")]
    [TestCase(30, 0x02, TestName = "Decode_ValidityFlagTwo_Null")]
    [TestCase(30, 0x00, TestName = "Decode_ValidityFlagZeroWithEnd_Null")]
    public void Decode_ByteChanged_Null(int offset, byte value)
    {
        var bytes = StatusMapHashing.Encode(Sample);
        bytes[offset] = value;

        Assert.That(StatusMapHashing.Decode(bytes), Is.Null);
    }

    [Test]
    public void Decode_OverlongUtf8InId_Null()
    {
        // "/" as the overlong two-byte sequence C0 AF: UTF-8 of one character, but not the shortest.
        var bytes = StatusMapHashing.Encode(new StatusMapEntry(Sample) { LicenseId = "ab" });
        bytes[3] = 0xC0;
        bytes[4] = 0xAF;

        Assert.That(StatusMapHashing.Decode(bytes), Is.Null);
    }

    [Test]
    public void Decode_FlagOneWithoutEnd_Null()
    {
        var bytes = StatusMapHashing.Encode(new StatusMapEntry(Sample) { NotAfter = null });
        bytes[^1] = 0x01;

        Assert.That(StatusMapHashing.Decode(bytes), Is.Null);
    }

    [TestCase((byte)0)]
    [TestCase((byte)4)]
    [TestCase((byte)0xFF)]
    public void Decode_StatusByteNotAStatus_Null(byte status)
    {
        var bytes = StatusMapHashing.Encode(Sample);
        bytes[17] = status;

        Assert.That(StatusMapHashing.Decode(bytes), Is.Null);
    }
}
