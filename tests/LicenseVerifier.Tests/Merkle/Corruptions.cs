namespace Regional.LicenseVerifier.Tests.Merkle;

internal sealed record InclusionProbe(string Description, ulong Index, ulong Size, byte[] Leaf, byte[][] Proof, byte[] Root);

internal sealed record ConsistencyProbe(string Description, ulong Size1, ulong Size2, byte[] Root1, byte[] Root2, byte[][] Proof);

/// <summary>
/// Ways to spoil a good proof, after transparency-dev/merkle's corruptInclusionProof and
/// corruptConsistencyProof: none of them may verify. A "real root" of another size is the honest
/// root of that size, so a pass would mean the proof proves something it does not.
/// </summary>
internal static class Corruptions
{
    public static IEnumerable<InclusionProbe> Inclusion(MemoryNodeSource tree, ulong index, ulong size,
        byte[][] proof, Random random)
    {
        var leaf = tree.LeafHash(index);
        var root = tree.RootAt(size);
        for (var i = 0; i < proof.Length; i++)
        {
            yield return new($"proof[{i}] flipped", index, size, leaf, Flip(proof, i, random), root);
        }
        if (index > 0)
        {
            yield return new("index - 1", index - 1, size, leaf, proof, root);
        }
        if (index + 1 < size)
        {
            yield return new("index + 1", index + 1, size, leaf, proof, root);
        }
        if ((index ^ 2) < size)
        {
            yield return new("index ^ 2", index ^ 2, size, leaf, proof, root);
        }
        yield return new("size * 2", index, size * 2, leaf, proof, root);
        if (size > index + 1)
        {
            yield return new("size - 1 with its real root", index, size - 1, leaf, proof, tree.RootAt(size - 1));
        }
        if (size < tree.Range.Size)
        {
            yield return new("size + 1 with its real root", index, size + 1, leaf, proof, tree.RootAt(size + 1));
        }
        yield return new("other leaf", index, size, tree.LeafHash((index + 1) % tree.Range.Size), proof, root);
        yield return new("root of size - 1", index, size, leaf, proof, tree.RootAt(size - 1));
        yield return new("flipped root", index, size, leaf, proof, Flip([root], 0, random)[0]);
        if (proof.Length > 0)
        {
            yield return new("truncated", index, size, leaf, proof[..^1], root);
            yield return new("first removed", index, size, leaf, proof[1..], root);
        }
        yield return new("extended with root", index, size, leaf, [.. proof, root], root);
        yield return new("extended with empty", index, size, leaf, [.. proof, []], root);
        yield return new("prepended with root", index, size, leaf, [root, .. proof], root);
    }

    public static IEnumerable<ConsistencyProbe> Consistency(MemoryNodeSource tree, ulong size1, ulong size2,
        byte[][] proof, Random random)
    {
        var root1 = tree.RootAt(size1);
        var root2 = tree.RootAt(size2);
        if (proof.Length == 0)
        {
            // Empty proofs: size1 == size2 needs equal roots, size1 == 0 the empty root (any root2).
            if (size1 == size2)
            {
                yield return new("other root2", size1, size2, root1, tree.RootAt(size2 - 1), proof);
            }
            yield return new("flipped root1", size1, size2, Flip([root1], 0, random)[0], root2, proof);
            yield return new("extended", size1, size2, root1, root2, [root1]);
            yield break;
        }
        for (var i = 0; i < proof.Length; i++)
        {
            yield return new($"proof[{i}] flipped", size1, size2, root1, root2, Flip(proof, i, random));
        }
        yield return new("size1 - 1", size1 - 1, size2, root1, root2, proof);
        yield return new("size1 + 1", size1 + 1, size2, root1, root2, proof);
        yield return new("size1 ^ 2", size1 ^ 2, size2, root1, root2, proof);
        yield return new("size2 * 2", size1, size2 * 2, root1, root2, proof);
        yield return new("size2 / 2", size1, size2 / 2, root1, root2, proof);
        yield return new("size1 - 1 with its real root", size1 - 1, size2, tree.RootAt(size1 - 1), root2, proof);
        if (size2 < tree.Range.Size)
        {
            yield return new("size2 + 1 with its real root", size1, size2 + 1, root1, tree.RootAt(size2 + 1), proof);
        }
        yield return new("flipped root1", size1, size2, Flip([root1], 0, random)[0], root2, proof);
        yield return new("flipped root2", size1, size2, root1, Flip([root2], 0, random)[0], proof);
        yield return new("swapped roots", size1, size2, root2, root1, proof);
        yield return new("empty proof", size1, size2, root1, root2, []);
        yield return new("truncated", size1, size2, root1, root2, proof[..^1]);
        yield return new("extended with root1", size1, size2, root1, root2, [.. proof, root1]);
        yield return new("extended with root2", size1, size2, root1, root2, [.. proof, root2]);
        yield return new("prepended with proof[0]", size1, size2, root1, root2, [proof[0], .. proof]);
        yield return new("prepended with empty", size1, size2, root1, root2, [[], .. proof]);
    }

    /// <summary>A copy of the hashes with one random bit of hashes[i] flipped.</summary>
    private static byte[][] Flip(byte[][] hashes, int i, Random random)
    {
        var copy = hashes.Select(h => (byte[])h.Clone()).ToArray();
        copy[i][random.Next(copy[i].Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }
}
