using System.Collections.ObjectModel;
using System.Numerics;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Merkle;

/// <summary>
/// The compact range [0, Size) of a log: one complete-subtree hash per set bit of Size, largest
/// first. It is all the state needed to append leaves and compute the root, and is what the
/// sequencer keeps in memory between blocks.
/// </summary>
/// <remarks>
/// Immutable and thread-safe: <see cref="Append"/> returns a new range; inputs are copied on the
/// way in and hashes on the way out.
/// </remarks>
public sealed class CompactRange
{
    private readonly byte[][] _hashes;

    private CompactRange(Suite suite, ulong size, byte[][] hashes)
    {
        Suite = suite;
        Size = size;
        _hashes = hashes;
    }

    /// <summary>The hash suite of the tree.</summary>
    public Suite Suite { get; }

    /// <summary>The number of leaves covered, [0, Size).</summary>
    public ulong Size { get; }

    /// <summary>The hashes of <see cref="NodesFor"/>(Size), largest subtree first.</summary>
    /// <remarks>Each read returns new copies: changing them does not change the range.</remarks>
    public IReadOnlyList<byte[]> Hashes => new ReadOnlyCollection<byte[]>(Array.ConvertAll(_hashes, h => (byte[])h.Clone()));

    /// <summary>The range of the empty tree.</summary>
    public static CompactRange Empty(Suite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return new CompactRange(suite, 0, []);
    }

    /// <summary>Rebuilds a range from stored hashes, e.g. those of <see cref="NodesFor"/>(size) at restart.</summary>
    /// <param name="suite">The hash suite of the tree.</param>
    /// <param name="size">The tree size the hashes describe.</param>
    /// <param name="hashes">One 32-byte hash per set bit of size, largest subtree first; copied.</param>
    /// <exception cref="ArgumentException">The count is not popcount(size), or a hash is not 32 bytes.</exception>
    public static CompactRange FromHashes(Suite suite, ulong size, IReadOnlyList<byte[]> hashes)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(hashes);
        var want = BitOperations.PopCount(size);
        if (hashes.Count != want)
        {
            throw new ArgumentException($"hashes: got {hashes.Count} for size {size}, want {want} (one per set bit)", nameof(hashes));
        }
        var copies = new byte[want][];
        for (var i = 0; i < want; i++)
        {
            if (!TreeMath.IsHash(hashes[i]))
            {
                throw new ArgumentException($"hashes[{i}]: got {hashes[i]?.Length ?? 0} bytes, want {Suite.HashSize}", nameof(hashes));
            }
            copies[i] = (byte[])hashes[i].Clone();
        }
        return new CompactRange(suite, size, copies);
    }

    /// <summary>The complete nodes that make up the leaves [0, size), largest first; none for 0.</summary>
    public static IReadOnlyList<NodeId> NodesFor(ulong size)
    {
        var nodes = new List<NodeId>(BitOperations.PopCount(size));
        TreeMath.Decompose(0, size, nodes);
        return nodes.AsReadOnly();
    }

    /// <summary>Returns the range with one more leaf; this range is unchanged.</summary>
    /// <param name="leafHash">H(0x00 || entry) of the new leaf, index <see cref="Size"/>.</param>
    /// <param name="onNodeCompleted">
    /// Called for every complete node the leaf creates, bottom up: first the leaf itself
    /// (level 0, index Size), then each parent it completes (trailing ones of Size many).
    /// Each call gets its own copy of the hash, which storage may keep.
    /// </param>
    /// <exception cref="ArgumentException">The leaf hash is not 32 bytes.</exception>
    /// <exception cref="OverflowException">The range already holds 2^64 - 1 leaves.</exception>
    public CompactRange Append(ReadOnlySpan<byte> leafHash, Action<NodeId, byte[]>? onNodeCompleted = null)
    {
        if (!TreeMath.IsHash(leafHash))
        {
            throw new ArgumentException($"leafHash: got {leafHash.Length} bytes, want {Suite.HashSize}", nameof(leafHash));
        }
        var newSize = checked(Size + 1);
        var hash = leafHash.ToArray();
        onNodeCompleted?.Invoke(new NodeId(0, Size), (byte[])hash.Clone());
        var kept = _hashes.Length;
        var level = 0;
        for (var bits = Size; (bits & 1) == 1; bits >>= 1)
        {
            kept--;
            level++;
            hash = Suite.HashChildren(_hashes[kept], hash);
            onNodeCompleted?.Invoke(new NodeId(level, Size >> level), (byte[])hash.Clone());
        }
        var hashes = new byte[kept + 1][];
        Array.Copy(_hashes, hashes, kept);
        hashes[kept] = hash;
        return new CompactRange(Suite, newSize, hashes);
    }

    /// <summary>The root of the tree [0, Size): MTH per RFC 9162 section 2.1.1; H("") when empty.</summary>
    /// <returns>A new 32-byte array.</returns>
    public byte[] Root() => _hashes.Length == 0
        ? Suite.EmptyRoot.ToArray()
        : TreeMath.FoldRight(Suite, _hashes, 0, _hashes.Length);
}
