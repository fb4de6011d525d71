using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.StatusMap;

/// <summary>
/// A key's path in one version of a status map: the sibling hashes from the root down (an empty
/// array for an empty subtree), ending at the key's leaf (membership, <see cref="Value"/> set), at an
/// empty subtree, or at another key's leaf (<see cref="OtherKey"/>, <see cref="OtherValueHash"/>): both
/// prove the key is absent.
/// </summary>
/// <remarks>Size: about log2(n) hashes for n keys. Immutable.</remarks>
public sealed record StatusMapProof(IReadOnlyList<byte[]> Siblings, byte[]? Value, byte[]? OtherKey = null, byte[]? OtherValueHash = null)
{
    /// <summary>Reads a key's path from a map version: the root, then both children of each interior node on the
    /// path (about log2(n) reads).</summary>
    public static StatusMapProof Build(IStatusMapSource source, ReadOnlySpan<byte> key)
    {
        var siblings = new List<byte[]>();
        var position = MapPosition.Root;
        var node = source.Find(position);
        while (true)
        {
            if (node is null)
            {
                return new StatusMapProof(siblings, null);
            }
            if (node.IsLeaf)
            {
                return node.LeafKey.AsSpan().SequenceEqual(key)
                    ? new StatusMapProof(siblings, node.LeafValue)
                    : new StatusMapProof(siblings, null, node.LeafKey, null) { OtherValue = node.LeafValue };
            }
            var bit = StatusMapHashing.Bit(key, position.Depth);
            var (left, right) = source.FindChildren(position);
            siblings.Add((bit == 0 ? right : left)?.Hash ?? []);
            node = bit == 0 ? left : right;
            position = position.Child(bit);
        }
    }

    /// <summary>The other leaf's value while building; the wire carries only its hash.</summary>
    internal byte[]? OtherValue { get; init; }

    /// <summary>The proof with the other leaf's value replaced by its hash, as the wire carries it.</summary>
    public StatusMapProof ForWire(Suite suite) =>
        OtherValue is null ? this : this with { OtherValueHash = StatusMapHashing.ValueHash(suite, OtherValue), OtherValue = null };

    /// <summary>
    /// Checks that the path leads from <paramref name="key"/>'s leaf holding <see cref="Value"/> (or,
    /// without a value, from the key's absence) to <paramref name="root"/>. Returns the problem, or null.
    /// </summary>
    /// <remarks>Refuses paths no honest map has: deeper than a key, a leaf or empty end whose sibling is
    /// empty (that leaf would sit higher), another leaf that does not share the path. Pure; never throws.</remarks>
    public string? Problem(Suite suite, ReadOnlySpan<byte> root, ReadOnlySpan<byte> key)
    {
        if (key.Length != Suite.HashSize || root.Length != Suite.HashSize)
        {
            return "key and root must be 32 bytes";
        }
        var depth = Siblings.Count;
        if (depth > StatusMapHashing.KeyBits)
        {
            return $"path of {depth} levels, want at most {StatusMapHashing.KeyBits}";
        }
        foreach (var sibling in Siblings)
        {
            if (sibling is null || (sibling.Length != 0 && sibling.Length != Suite.HashSize))
            {
                return "a sibling hash is neither empty nor 32 bytes";
            }
        }
        byte[] hash;
        if (Value is not null)
        {
            if (OtherKey is not null || OtherValueHash is not null)
            {
                return "a proof of membership names another leaf";
            }
            hash = StatusMapHashing.LeafHash(suite, key, StatusMapHashing.ValueHash(suite, Value));
        }
        else if (OtherKey is not null || OtherValueHash is not null)
        {
            if (OtherKey?.Length != Suite.HashSize || OtherValueHash?.Length != Suite.HashSize)
            {
                return "the other leaf's key and value hash must be 32 bytes each";
            }
            if (OtherKey.AsSpan().SequenceEqual(key))
            {
                return "the other leaf has the key itself: that is not a proof of absence";
            }
            for (var i = 0; i < depth; i++)
            {
                if (StatusMapHashing.Bit(OtherKey, i) != StatusMapHashing.Bit(key, i))
                {
                    return $"the other leaf's key leaves the path at level {i}";
                }
            }
            hash = StatusMapHashing.LeafHash(suite, OtherKey, OtherValueHash);
        }
        else
        {
            hash = new byte[Suite.HashSize];
        }
        if (depth > 0 && IsEmpty(Siblings[depth - 1]))
        {
            return "the path ends beside an empty subtree, where no honest map has a node";
        }
        for (var i = depth - 1; i >= 0; i--)
        {
            var sibling = IsEmpty(Siblings[i]) ? new byte[Suite.HashSize] : Siblings[i];
            hash = StatusMapHashing.Bit(key, i) == 0
                ? StatusMapHashing.NodeHash(suite, hash, sibling)
                : StatusMapHashing.NodeHash(suite, sibling, hash);
        }
        return hash.AsSpan().SequenceEqual(root) ? null : "the path does not lead to the root";
    }

    private static bool IsEmpty(byte[] sibling) => sibling.Length == 0 || StatusMapHashing.IsEmpty(sibling);
}
