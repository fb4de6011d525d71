using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Merkle;

/// <summary>
/// Builds RFC 9162 inclusion and consistency proofs, and past roots, from the complete subtree
/// nodes kept by storage, for any tree size up to the stored one.
/// </summary>
/// <remarks>
/// Each call reads at most about 2 log2(n) nodes, all in one <see cref="ITreeNodeSource.GetNodes"/>
/// call (none when the answer needs no node). A proof hash that is an incomplete right-border
/// subtree (the tree size is not a multiple of its span) is recomputed from its complete nodes.
/// Stateless and thread-safe if the source is. Arguments that cannot describe a proof are the
/// caller's bug and throw; validate requests before calling.
/// </remarks>
public static class ProofBuilder
{
    /// <summary>The inclusion proof (audit path, deepest sibling first) of a leaf, RFC 9162 section 2.1.3.1.</summary>
    /// <param name="suite">The hash suite.</param>
    /// <param name="source">The stored nodes of a tree of at least treeSize leaves.</param>
    /// <param name="leafIndex">Zero-based index of the leaf, below treeSize.</param>
    /// <param name="treeSize">The size of the tree the proof is for.</param>
    /// <returns>New arrays, empty for a tree of one leaf.</returns>
    /// <exception cref="ArgumentOutOfRangeException">leafIndex &gt;= treeSize (an empty tree has no inclusion proofs).</exception>
    /// <exception cref="InvalidOperationException">The source returned the wrong number of hashes or a hash of the wrong length.</exception>
    public static byte[][] Inclusion(Suite suite, ITreeNodeSource source, ulong leafIndex, ulong treeSize)
    {
        if (leafIndex >= treeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), leafIndex, $"want below tree size {treeSize}");
        }
        return Read(suite, source, ProofPlan.Inclusion(leafIndex, treeSize));
    }

    /// <summary>The consistency proof from size1 to size2, RFC 9162 section 2.1.4.1.</summary>
    /// <param name="suite">The hash suite.</param>
    /// <param name="source">The stored nodes of a tree of at least size2 leaves.</param>
    /// <param name="size1">The older size, at most size2.</param>
    /// <param name="size2">The newer size.</param>
    /// <returns>New arrays; empty when size1 == size2 or size1 == 0 (see <see cref="MerkleTree.VerifyConsistency"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">size1 &gt; size2.</exception>
    /// <exception cref="InvalidOperationException">The source returned the wrong number of hashes or a hash of the wrong length.</exception>
    public static byte[][] Consistency(Suite suite, ITreeNodeSource source, ulong size1, ulong size2)
    {
        if (size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), size1, $"want at most size2 {size2}");
        }
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(source);
        return size1 == 0 || size1 == size2 ? [] : Read(suite, source, ProofPlan.Consistency(size1, size2));
    }

    /// <summary>The root of the tree of treeSize leaves: its compact range folded, RFC 9162 section 2.1.1.</summary>
    /// <param name="suite">The hash suite.</param>
    /// <param name="source">The stored nodes of a tree of at least treeSize leaves.</param>
    /// <param name="treeSize">Any size up to the stored one; 0 gives H("") without reading.</param>
    /// <returns>A new 32-byte array.</returns>
    /// <exception cref="InvalidOperationException">The source returned the wrong number of hashes or a hash of the wrong length.</exception>
    public static byte[] Root(Suite suite, ITreeNodeSource source, ulong treeSize)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return treeSize == 0 ? suite.EmptyRoot.ToArray() : Read(suite, source, [new LeafRange(0, treeSize)])[0];
    }

    /// <summary>Reads every node of the ranges in one call and folds each range into its MTH.</summary>
    private static byte[][] Read(Suite suite, ITreeNodeSource source, List<LeafRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(source);
        if (ranges.Count == 0)
        {
            return [];
        }
        var ids = new List<NodeId>();
        var ends = new int[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            TreeMath.Decompose(ranges[i].Begin, ranges[i].End, ids);
            ends[i] = ids.Count;
        }
        var hashes = source.GetNodes(ids);
        CheckAnswer(ids, hashes);
        var result = new byte[ranges.Count][];
        for (var i = 0; i < ranges.Count; i++)
        {
            var start = i == 0 ? 0 : ends[i - 1];
            result[i] = TreeMath.FoldRight(suite, hashes, start, ends[i] - start);
        }
        return result;
    }

    private static void CheckAnswer(List<NodeId> ids, IReadOnlyList<byte[]>? hashes)
    {
        if (hashes is null || hashes.Count != ids.Count)
        {
            throw new InvalidOperationException($"tree node source: got {hashes?.Count ?? 0} hashes for {ids.Count} nodes");
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (!TreeMath.IsHash(hashes[i]))
            {
                throw new InvalidOperationException(
                    $"tree node source: node {ids[i]} has {hashes[i]?.Length ?? 0} bytes, want {Suite.HashSize}");
            }
        }
    }
}
