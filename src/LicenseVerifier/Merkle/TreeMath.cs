using System.Diagnostics;
using System.Numerics;
using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Merkle;

/// <summary>Bit arithmetic and hashing shared by the tree, the proof builder and the verifier.</summary>
internal static class TreeMath
{
    /// <summary>The number of significant bits of x: 0 for 0, 64 for 2^63 and above.</summary>
    public static int BitLength(ulong x) => 64 - BitOperations.LeadingZeroCount(x);

    /// <summary>The largest power of two strictly below n (k in RFC 9162 section 2.1.1); n must exceed 1.</summary>
    public static ulong LargestPowerOfTwoBelow(ulong n)
    {
        Debug.Assert(n > 1, "only trees of two or more leaves split");
        return 1UL << (BitLength(n - 1) - 1);
    }

    /// <summary>The number of hashes in the inclusion proof of leaf index in a tree of size leaves.</summary>
    public static int InclusionProofLength(ulong index, ulong size)
    {
        Debug.Assert(index < size, "the leaf must be in the tree");
        var inner = BitLength(index ^ (size - 1));
        return inner + BitOperations.PopCount(ShiftRight(index, inner));
    }

    /// <summary>The number of hashes in the consistency proof between sizes 0 &lt; size1 &lt; size2.</summary>
    /// <remarks>
    /// The proof is the path from the last complete node of the size1 compact range up to the
    /// size2 root, preceded by that node itself unless it is the whole size1 tree (size1 a power of two).
    /// </remarks>
    public static int ConsistencyProofLength(ulong size1, ulong size2)
    {
        Debug.Assert(size1 > 0 && size1 < size2, "only proper consistency proofs have a length to check");
        var level = BitOperations.TrailingZeroCount(size1);
        var index = (size1 - 1) >> level;
        var last = (size2 - 1) >> level;
        var inner = BitLength(index ^ last);
        var seed = index == 0 ? 0 : 1;
        return seed + inner + BitOperations.PopCount(ShiftRight(index, inner));
    }

    /// <summary>x &gt;&gt; count, and 0 for a count of 64 (C# masks shift counts to 6 bits).</summary>
    private static ulong ShiftRight(ulong x, int count) => count >= 64 ? 0 : x >> count;

    /// <summary>
    /// The complete nodes that make up the leaves [begin, end), largest first. begin must be a
    /// multiple of the largest power of two not above end - begin, as for every subtree in RFC 9162.
    /// </summary>
    public static void Decompose(ulong begin, ulong end, List<NodeId> output)
    {
        var length = end - begin;
        var position = begin;
        for (var level = BitLength(length) - 1; level >= 0; level--)
        {
            if ((length & (1UL << level)) == 0)
            {
                continue;
            }
            Debug.Assert(position % (1UL << level) == 0, "subtree ranges are aligned");
            output.Add(new NodeId(level, position >> level));
            position += 1UL << level;
        }
    }

    /// <summary>
    /// MTH of a subtree given its complete nodes largest first (RFC 9162 section 2.1.1):
    /// H(n0, H(n1, ... H(nk-1, nk))). Returns a new array, never one of the inputs.
    /// </summary>
    public static byte[] FoldRight(Suite suite, IReadOnlyList<byte[]> nodes, int start, int count)
    {
        Debug.Assert(count > 0, "an empty subtree has no MTH here");
        var hash = (byte[])nodes[start + count - 1].Clone();
        for (var i = start + count - 2; i >= start; i--)
        {
            hash = suite.HashChildren(nodes[i], hash);
        }
        return hash;
    }

    /// <summary>True when hash is a hash of the suite's length.</summary>
    public static bool IsHash(ReadOnlySpan<byte> hash) => hash.Length == Suite.HashSize;
}
