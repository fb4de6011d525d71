using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Merkle;

public static partial class MerkleTree
{
    /// <summary>
    /// Verifies that the tree of size2 leaves with root2 extends the tree of size1 leaves with
    /// root1 (append-only), as in RFC 9162 section 2.1.4.2.
    /// </summary>
    /// <param name="suite">The hash suite.</param>
    /// <param name="size1">The older, smaller tree size.</param>
    /// <param name="size2">The newer tree size.</param>
    /// <param name="root1">The root of the size1 tree.</param>
    /// <param name="root2">The root of the size2 tree.</param>
    /// <param name="proof">The consistency proof, as <see cref="ProofBuilder.Consistency"/> makes it.</param>
    /// <returns>
    /// <see cref="ProofCheck.Valid"/>, or: <see cref="ProofFailure.InvalidSize"/> when size1 &gt; size2;
    /// <see cref="ProofFailure.BadHashLength"/> when a root or proof hash is not 32 bytes;
    /// <see cref="ProofFailure.WrongProofLength"/> when the proof has more or fewer hashes than the
    /// sizes need; <see cref="ProofFailure.RootMismatch"/> when it does not lead to both roots.
    /// </returns>
    /// <remarks>
    /// Edge cases. size1 == size2: the proof must be empty and root1 must equal root2.
    /// size1 == 0: RFC 9162 defines no proof; like transparency-dev/merkle we accept an empty proof
    /// for any root2 (every tree extends the empty tree), but unlike it we also require root1 to be
    /// the empty root H(""), because a checkpoint of size 0 with any other root is false. Both
    /// roots must still be 32 bytes long.
    /// </remarks>
    public static ProofCheck VerifyConsistency(Suite suite, ulong size1, ulong size2,
        ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 > size2)
        {
            return Fail(ProofFailure.InvalidSize, $"size1: got {size1}, want at most size2 {size2}");
        }
        var check = CheckHash(root1, "root1");
        check = check.IsValid ? CheckHash(root2, "root2") : check;
        check = check.IsValid ? CheckProofHashes(proof) : check;
        if (!check.IsValid)
        {
            return check;
        }
        var want = size1 == 0 || size1 == size2 ? 0 : TreeMath.ConsistencyProofLength(size1, size2);
        if (proof.Count != want)
        {
            return Fail(ProofFailure.WrongProofLength,
                $"consistency proof from size {size1} to {size2}: got {proof.Count} hashes, want {want}");
        }
        if (size1 == size2 && !root1.SequenceEqual(root2))
        {
            return Fail(ProofFailure.RootMismatch, $"equal sizes {size1} with different roots {Hex(root1)} and {Hex(root2)}");
        }
        if (size1 == 0 && !root1.SequenceEqual(suite.EmptyRoot.Span))
        {
            return Fail(ProofFailure.RootMismatch, $"root1 of the empty tree: got {Hex(root1)}, want {Hex(suite.EmptyRoot.Span)}");
        }
        if (size1 == 0 || size1 == size2)
        {
            return ProofCheck.Valid;
        }
        var (fr, sr) = RootsFromConsistencyProof(suite, size1, size2, root1, proof);
        if (!fr.AsSpan().SequenceEqual(root1))
        {
            return Fail(ProofFailure.RootMismatch, $"consistency proof leads to root1 {Hex(fr)}, want {Hex(root1)}");
        }
        return sr.AsSpan().SequenceEqual(root2)
            ? ProofCheck.Valid
            : Fail(ProofFailure.RootMismatch, $"consistency proof leads to root2 {Hex(sr)}, want {Hex(root2)}");
    }

    /// <summary>The RFC 9162 section 2.1.4.2 loop for 0 &lt; size1 &lt; size2 and a proof of checked length.</summary>
    private static (byte[] First, byte[] Second) RootsFromConsistencyProof(Suite suite, ulong size1, ulong size2,
        ReadOnlySpan<byte> root1, IReadOnlyList<byte[]> proof)
    {
        // When size1 is a power of two its whole tree is the seed node and the proof omits it.
        var seeded = (size1 & (size1 - 1)) == 0;
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = seeded ? root1.ToArray() : (byte[])proof[0].Clone();
        var sr = (byte[])fr.Clone();
        for (var i = seeded ? 0 : 1; i < proof.Count; i++)
        {
            var c = proof[i];
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = suite.HashChildren(c, fr);
                sr = suite.HashChildren(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = suite.HashChildren(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? (fr, sr) : throw new InvalidOperationException("consistency proof length check disagrees with RFC 9162 loop");
    }
}
