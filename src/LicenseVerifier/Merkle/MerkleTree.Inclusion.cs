using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Merkle;

public static partial class MerkleTree
{
    /// <summary>
    /// Verifies that a leaf hash is at leafIndex in the tree of treeSize leaves with the given root,
    /// as in RFC 9162 section 2.1.3.2.
    /// </summary>
    /// <param name="suite">The hash suite.</param>
    /// <param name="leafIndex">Zero-based index of the leaf.</param>
    /// <param name="treeSize">Number of leaves in the tree the root belongs to.</param>
    /// <param name="leafHash">H(0x00 || entry) of the leaf.</param>
    /// <param name="proof">The audit path, deepest sibling first, as <see cref="ProofBuilder.Inclusion"/> makes it.</param>
    /// <param name="root">The root of the tree of treeSize leaves.</param>
    /// <returns>
    /// <see cref="ProofCheck.Valid"/>, or: <see cref="ProofFailure.IndexOutOfRange"/> when
    /// leafIndex &gt;= treeSize (so always for treeSize 0: an empty tree has no inclusion proofs);
    /// <see cref="ProofFailure.BadHashLength"/> when the leaf hash, root or a proof hash is not 32 bytes;
    /// <see cref="ProofFailure.WrongProofLength"/> when the proof has more or fewer hashes than
    /// (leafIndex, treeSize) needs; <see cref="ProofFailure.RootMismatch"/> when it leads to another root.
    /// </returns>
    public static ProofCheck VerifyInclusion(Suite suite, ulong leafIndex, ulong treeSize,
        ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(proof);
        if (leafIndex >= treeSize)
        {
            return Fail(ProofFailure.IndexOutOfRange, $"leaf index: got {leafIndex}, want below tree size {treeSize}");
        }
        var check = CheckHash(leafHash, "leaf hash");
        check = check.IsValid ? CheckHash(root, "root") : check;
        check = check.IsValid ? CheckProofHashes(proof) : check;
        if (!check.IsValid)
        {
            return check;
        }
        var want = TreeMath.InclusionProofLength(leafIndex, treeSize);
        if (proof.Count != want)
        {
            return Fail(ProofFailure.WrongProofLength,
                $"inclusion proof of leaf {leafIndex} in tree size {treeSize}: got {proof.Count} hashes, want {want}");
        }
        var computed = RootFromInclusionProof(suite, leafIndex, treeSize, leafHash, proof);
        return computed.AsSpan().SequenceEqual(root)
            ? ProofCheck.Valid
            : Fail(ProofFailure.RootMismatch, $"inclusion proof leads to root {Hex(computed)}, want {Hex(root)}");
    }

    /// <summary>The RFC 9162 section 2.1.3.2 loop; the caller has checked index, sizes and proof length.</summary>
    private static byte[] RootFromInclusionProof(Suite suite, ulong leafIndex, ulong treeSize,
        ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if ((fn & 1) == 1 || fn == sn)
            {
                r = suite.HashChildren(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = suite.HashChildren(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : throw new InvalidOperationException("inclusion proof length check disagrees with RFC 9162 loop");
    }
}
