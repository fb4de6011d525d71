namespace Regional.LicenseVerifier.StatusMap;

/// <summary>
/// A position in the status map: the node at <paramref name="Depth"/> on the path of every key
/// whose first <paramref name="Depth"/> bits are those of <paramref name="Prefix"/> (later bits zero).
/// </summary>
/// <param name="Depth">0 (the root) to <see cref="StatusMapHashing.KeyBits"/>.</param>
/// <param name="Prefix">32 bytes; only the first <paramref name="Depth"/> bits count and the rest are zero.</param>
public readonly record struct MapPosition(int Depth, ReadOnlyMemory<byte> Prefix)
{
    /// <summary>The root.</summary>
    public static MapPosition Root { get; } = new(0, new byte[StatusMapHashing.KeyBits / 8]);

    /// <summary>The position at <paramref name="depth"/> on a key's path.</summary>
    public static MapPosition OnPath(ReadOnlySpan<byte> key, int depth)
    {
        var prefix = new byte[key.Length];
        var whole = depth >> 3;
        key[..whole].CopyTo(prefix);
        if ((depth & 7) != 0)
        {
            prefix[whole] = (byte)(key[whole] & (0xFF << (8 - (depth & 7))));
        }
        return new MapPosition(depth, prefix);
    }

    /// <summary>The child on side <paramref name="bit"/> (0 left, 1 right).</summary>
    public MapPosition Child(int bit)
    {
        var prefix = Prefix.ToArray();
        if (bit == 1)
        {
            prefix[Depth >> 3] |= (byte)(0x80 >> (Depth & 7));
        }
        return new MapPosition(Depth + 1, prefix);
    }

    /// <summary>The storage key: the depth (u16 big-endian), then the prefix's first ceil(depth / 8) bytes.</summary>
    public byte[] ToBytes()
    {
        var used = (Depth + 7) >> 3;
        var bytes = new byte[2 + used];
        bytes[0] = (byte)(Depth >> 8);
        bytes[1] = (byte)(Depth & 0xFF);
        Prefix.Span[..used].CopyTo(bytes.AsSpan(2));
        return bytes;
    }

    /// <summary>Hex of <see cref="ToBytes"/>, for dictionaries and messages.</summary>
    public override string ToString() => Convert.ToHexStringLower(ToBytes());
}

/// <summary>A node of the status map as stored: an interior node (two or more licences below), or
/// a leaf (exactly one licence below, held at the shallowest position that is its alone).</summary>
/// <param name="Hash">The node's hash.</param>
/// <param name="LeafKey">For a leaf, its key; null for an interior node.</param>
/// <param name="LeafValue">For a leaf, the canonical bytes of its <see cref="V1.StatusMapEntry"/>.</param>
public sealed record MapNode(byte[] Hash, byte[]? LeafKey = null, byte[]? LeafValue = null)
{
    /// <summary>Whether the node is a leaf.</summary>
    public bool IsLeaf => LeafKey is not null;
}

/// <summary>Read access to one version of a status map, as kept by storage. A position with no
/// node is an empty subtree.</summary>
public interface IStatusMapSource
{
    /// <summary>The node at a position, or null for an empty subtree.</summary>
    MapNode? Find(MapPosition position);

    /// <summary>Both children of an interior node; a source that can read them at once (one query) overrides this.</summary>
    (MapNode? Left, MapNode? Right) FindChildren(MapPosition parent) => (Find(parent.Child(0)), Find(parent.Child(1)));
}
