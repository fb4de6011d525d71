using Regional.LicenseVerifier.Crypto;

namespace Regional.LicenseVerifier.Merkle;

/// <summary>
/// The RFC 9162 Merkle tree hash (MTH) and the verification of inclusion and consistency proofs.
/// Leaf hashes are H(0x00 || entry) (<see cref="Suite.HashLeaf"/>), interior nodes
/// H(0x01 || left || right) (<see cref="Suite.HashChildren"/>), the empty tree's root is H("").
/// </summary>
/// <remarks>
/// Stateless and thread-safe. Verification never throws for bad input: a wrong size, index,
/// proof length or hash length, or a proof that leads elsewhere, is returned as a
/// <see cref="ProofCheck"/> saying what failed.
/// </remarks>
public static partial class MerkleTree
{
    /// <summary>The Merkle tree hash MTH of the given leaf hashes (RFC 9162 section 2.1.1).</summary>
    /// <param name="suite">The hash suite.</param>
    /// <param name="leafHashes">The leaf hashes H(0x00 || entry), in log order.</param>
    /// <returns>A new 32-byte array; <see cref="Suite.EmptyRoot"/> for no leaves.</returns>
    /// <remarks>O(n) hashes and O(log n) memory: leaves are folded into a compact range as they come.</remarks>
    /// <exception cref="ArgumentException">A leaf hash is not <see cref="Suite.HashSize"/> bytes.</exception>
    public static byte[] RootFromLeafHashes(Suite suite, IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (leafHashes.Count == 0)
        {
            return suite.EmptyRoot.ToArray();
        }
        var stack = new List<byte[]>();
        for (var i = 0; i < leafHashes.Count; i++)
        {
            var hash = leafHashes[i];
            if (!TreeMath.IsHash(hash))
            {
                throw new ArgumentException(
                    $"leafHashes[{i}]: got {hash?.Length ?? 0} bytes, want {Suite.HashSize}", nameof(leafHashes));
            }
            for (var size = (ulong)i; (size & 1) == 1; size >>= 1)
            {
                hash = suite.HashChildren(stack[^1], hash);
                stack.RemoveAt(stack.Count - 1);
            }
            stack.Add(hash);
        }
        return TreeMath.FoldRight(suite, stack, 0, stack.Count);
    }

    private static ProofCheck Fail(ProofFailure failure, string detail) => new(failure, detail);

    private static ProofCheck CheckHash(ReadOnlySpan<byte> hash, string name) => TreeMath.IsHash(hash)
        ? ProofCheck.Valid
        : Fail(ProofFailure.BadHashLength, $"{name}: got {hash.Length} bytes, want {Suite.HashSize}");

    private static ProofCheck CheckProofHashes(IReadOnlyList<byte[]> proof)
    {
        for (var i = 0; i < proof.Count; i++)
        {
            var check = CheckHash(proof[i], $"proof[{i}]");
            if (!check.IsValid)
            {
                return check;
            }
        }
        return ProofCheck.Valid;
    }

    private static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);
}
