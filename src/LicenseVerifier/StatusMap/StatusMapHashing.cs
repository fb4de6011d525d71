using System.Buffers.Binary;
using System.Text;
using Regional.LicenseVerifier.Crypto;
using Regional.V1;

namespace Regional.LicenseVerifier.StatusMap;

/// <summary>
/// The hashes of a region's licence status map (docs/status-proofs.md), per suite H:
/// key = H(0x02 || UTF-8 licence id); value hash = H(0x03 || value); leaf = H(0x04 || key || value hash);
/// interior node = H(0x05 || left || right); an empty subtree is 32 zero bytes (not a hash).
/// The prefixes keep the map's hashes apart from the log's RFC 9162 leaves (0x00) and nodes (0x01).
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class StatusMapHashing
{
    /// <summary>Bits in a key: the depth of the deepest possible leaf.</summary>
    public const int KeyBits = Suite.HashSize * 8;

    private const byte KeyPrefix = 0x02;
    private const byte ValuePrefix = 0x03;
    private const byte LeafPrefix = 0x04;
    private const byte NodePrefix = 0x05;
    private const byte EncodingVersion = 0x01;

    /// <summary>The hash of an empty subtree (and the root of an empty map): 32 zero bytes.</summary>
    public static ReadOnlySpan<byte> Empty => new byte[Suite.HashSize];

    /// <summary>Whether a hash stands for an empty subtree.</summary>
    public static bool IsEmpty(ReadOnlySpan<byte> hash) => hash.Length == Suite.HashSize && !hash.ContainsAnyExcept((byte)0);

    /// <summary>The map key of a licence id.</summary>
    public static byte[] Key(Suite suite, string licenseId)
    {
        var text = Encoding.UTF8.GetBytes(licenseId);
        var data = new byte[1 + text.Length];
        data[0] = KeyPrefix;
        text.CopyTo(data, 1);
        return suite.Hash(data);
    }

    /// <summary>
    /// The canonical bytes of a map entry: 0x01; u16 length and UTF-8 licence id; u8 status; u32
    /// version; u64 leaf index; u8 0 (no expiry) or 1 followed by i64 seconds and i32 nanos of the
    /// validity end. Integers big-endian.
    /// </summary>
    /// <exception cref="ArgumentException">The id is longer than 65,535 bytes, or the status is not a status.</exception>
    public static byte[] Encode(StatusMapEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var id = Encoding.UTF8.GetBytes(entry.LicenseId);
        if (id.Length > ushort.MaxValue)
        {
            throw new ArgumentException("licence id longer than 65,535 bytes", nameof(entry));
        }
        if (entry.Status is not (LicenseStatus.Active or LicenseStatus.Suspended or LicenseStatus.Revoked))
        {
            throw new ArgumentException($"status {entry.Status} is not a licence status", nameof(entry));
        }
        var hasEnd = entry.NotAfter is not null;
        var bytes = new byte[1 + 2 + id.Length + 1 + 4 + 8 + 1 + (hasEnd ? 12 : 0)];
        var span = bytes.AsSpan();
        span[0] = EncodingVersion;
        BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)id.Length);
        id.CopyTo(span[3..]);
        var at = 3 + id.Length;
        span[at++] = (byte)entry.Status;
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], entry.Version);
        at += 4;
        BinaryPrimitives.WriteUInt64BigEndian(span[at..], entry.LeafIndex);
        at += 8;
        span[at++] = hasEnd ? (byte)1 : (byte)0;
        if (hasEnd)
        {
            BinaryPrimitives.WriteInt64BigEndian(span[at..], entry.NotAfter!.Seconds);
            BinaryPrimitives.WriteInt32BigEndian(span[(at + 8)..], entry.NotAfter.Nanos);
        }
        return bytes;
    }

    /// <summary>The map entry of canonical bytes; null when they are not exactly what <see cref="Encode"/> writes.</summary>
    public static StatusMapEntry? Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length < 3 || value[0] != EncodingVersion)
        {
            return null;
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(value[1..]);
        var at = 3 + length;
        if (value.Length < at + 14)
        {
            return null;
        }
        if (value[at] is not ((byte)LicenseStatus.Active or (byte)LicenseStatus.Suspended or (byte)LicenseStatus.Revoked))
        {
            return null;
        }
        string id;
        try
        {
            id = new UTF8Encoding(false, true).GetString(value.Slice(3, length));
        }
        catch (ArgumentException)
        {
            return null;
        }
        var entry = new StatusMapEntry
        {
            LicenseId = id,
            Status = (LicenseStatus)value[at],
            Version = BinaryPrimitives.ReadUInt32BigEndian(value[(at + 1)..]),
            LeafIndex = BinaryPrimitives.ReadUInt64BigEndian(value[(at + 5)..]),
        };
        var hasEnd = value[at + 13];
        at += 14;
        if (hasEnd == 1 && value.Length == at + 12)
        {
            entry.NotAfter = new Google.Protobuf.WellKnownTypes.Timestamp
            {
                Seconds = BinaryPrimitives.ReadInt64BigEndian(value[at..]),
                Nanos = BinaryPrimitives.ReadInt32BigEndian(value[(at + 8)..]),
            };
        }
        else if (hasEnd != 0 || value.Length != at)
        {
            return null;
        }
        return value.SequenceEqual(Encode(entry)) ? entry : null;
    }

    /// <summary>H(0x03 || value).</summary>
    public static byte[] ValueHash(Suite suite, ReadOnlySpan<byte> value) => Prefixed(suite, ValuePrefix, value, default);

    /// <summary>H(0x04 || key || value hash).</summary>
    public static byte[] LeafHash(Suite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> valueHash) => Prefixed(suite, LeafPrefix, key, valueHash);

    /// <summary>H(0x05 || left || right).</summary>
    public static byte[] NodeHash(Suite suite, ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => Prefixed(suite, NodePrefix, left, right);

    /// <summary>Bit <paramref name="index"/> of a key, most significant first: 0 goes left, 1 right.</summary>
    public static int Bit(ReadOnlySpan<byte> key, int index) => (key[index >> 3] >> (7 - (index & 7))) & 1;

    private static byte[] Prefixed(Suite suite, byte prefix, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var length = 1 + a.Length + b.Length;
        var data = length <= 256 ? stackalloc byte[length] : new byte[length];
        data[0] = prefix;
        a.CopyTo(data[1..]);
        b.CopyTo(data[(1 + a.Length)..]);
        return suite.Hash(data);
    }
}
