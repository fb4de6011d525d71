using System.Text;
using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using static Regional.Vectors.VectorFile;

namespace Regional.Vectors;

/// <summary>merkle-SUITE.json: leaf hashes, roots of every size, every inclusion and consistency proof of a
/// 13-leaf tree (built by ProofBuilder), and broken proofs of each kind, each with the C# verdict.</summary>
internal static class MerkleVectors
{
    private const int Leaves = 13;

    public static JsonObject Create(Suite suite)
    {
        var tree = new MemoryTree(suite);
        var leaves = new JsonArray();
        foreach (var bytes in LeafBytes())
        {
            tree.Append(bytes);
            leaves.Add(new JsonObject { ["data"] = Hex(bytes), ["leafHash"] = Hex(suite.HashLeaf(bytes)) });
        }
        var roots = new JsonArray();
        for (ulong size = 0; size <= Leaves; size++)
        {
            roots.Add(new JsonObject { ["size"] = size, ["root"] = Hex(tree.RootAt(size)) });
        }
        var inclusion = new JsonArray();
        var consistency = new JsonArray();
        for (ulong size = 1; size <= Leaves; size++)
        {
            for (ulong index = 0; index < size; index++)
            {
                inclusion.Add(Inclusion(suite, $"leaf {index} of {size}", index, size, suite.HashLeaf(tree.Leaf(index)), tree.Inclusion(index, size), tree.RootAt(size)));
            }
            for (ulong size1 = 0; size1 <= size; size1++)
            {
                var proof = size1 == 0 ? [] : tree.Consistency(size1, size);
                consistency.Add(Consistency(suite, $"{size1} to {size}", size1, size, tree.RootAt(size1), tree.RootAt(size), proof));
            }
        }
        AddBrokenInclusions(suite, tree, inclusion);
        AddBrokenConsistencies(suite, tree, consistency);
        return new JsonObject
        {
            ["suite"] = suite.Name,
            ["description"] = "RFC 9162 tree: leaf hash H(0x00 || data), node H(0x01 || left || right), empty root H(\"\"). expect is \"valid\" or the ProofFailure the C# verifier returns.",
            ["emptyRoot"] = Hex(suite.EmptyRoot.Span),
            ["leaves"] = leaves,
            ["roots"] = roots,
            ["inclusion"] = inclusion,
            ["consistency"] = consistency,
        };
    }

    /// <summary>The eight RFC 6962 test leaves, then five more.</summary>
    private static IEnumerable<byte[]> LeafBytes()
    {
        string[] rfc = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
        foreach (var hex in rfc)
        {
            yield return Convert.FromHexString(hex);
        }
        for (var i = 8; i < Leaves; i++)
        {
            yield return Encoding.UTF8.GetBytes($"regional leaf {i}");
        }
    }

    private static void AddBrokenInclusions(Suite suite, MemoryTree tree, JsonArray cases)
    {
        var (index, size) = (5UL, 13UL);
        var leaf = suite.HashLeaf(tree.Leaf(index));
        var path = tree.Inclusion(index, size);
        var root = tree.RootAt(size);
        cases.Add(Inclusion(suite, "a path hash with one bit flipped", index, size, leaf, Flip(path, 1), root));
        cases.Add(Inclusion(suite, "the last path hash left out", index, size, leaf, path[..^1], root));
        cases.Add(Inclusion(suite, "one path hash too many", index, size, leaf, [.. path, path[0]], root));
        cases.Add(Inclusion(suite, "the right path for another leaf index", index + 1, size, leaf, path, root));
        cases.Add(Inclusion(suite, "the leaf index equals the tree size", size, size, leaf, path, root));
        cases.Add(Inclusion(suite, "a path hash of 31 bytes", index, size, leaf, [path[0][..31], .. path[1..]], root));
        cases.Add(Inclusion(suite, "the root of a smaller tree", index, size, leaf, path, tree.RootAt(size - 1)));
        cases.Add(Inclusion(suite, "the hash of another leaf", index, size, suite.HashLeaf(tree.Leaf(index + 1)), path, root));
        cases.Add(Inclusion(suite, "the entry's hash without the 0x00 prefix", index, size, suite.Hash(tree.Leaf(index)), path, root));
        cases.Add(Inclusion(suite, "an empty tree has no inclusion proof", 0, 0, leaf, [], suite.EmptyRoot.ToArray()));
    }

    private static void AddBrokenConsistencies(Suite suite, MemoryTree tree, JsonArray cases)
    {
        var (size1, size2) = (6UL, 13UL);
        var (root1, root2) = (tree.RootAt(size1), tree.RootAt(size2));
        var proof = tree.Consistency(size1, size2);
        cases.Add(Consistency(suite, "a proof hash with one bit flipped", size1, size2, root1, root2, Flip(proof, 0)));
        cases.Add(Consistency(suite, "the last proof hash left out", size1, size2, root1, root2, proof[..^1]));
        cases.Add(Consistency(suite, "one proof hash too many", size1, size2, root1, root2, [.. proof, proof[0]]));
        cases.Add(Consistency(suite, "the sizes swapped", size2, size1, root2, root1, proof));
        cases.Add(Consistency(suite, "a wrong old root", size1, size2, tree.RootAt(size1 - 1), root2, proof));
        cases.Add(Consistency(suite, "a wrong new root", size1, size2, root1, tree.RootAt(size2 - 1), proof));
        cases.Add(Consistency(suite, "equal sizes with different roots", size1, size1, root1, root2, []));
        cases.Add(Consistency(suite, "equal sizes with a proof hash", size1, size1, root1, root1, [proof[0]]));
        cases.Add(Consistency(suite, "size 0 with a root that is not H(\"\")", 0, size2, root1, root2, []));
        cases.Add(Consistency(suite, "a root of 31 bytes", size1, size2, root1[..31], root2, proof));
        var (powerOfTwo, powerRoot) = (8UL, tree.RootAt(8));
        var powerProof = tree.Consistency(powerOfTwo, size2);
        cases.Add(Consistency(suite, "size1 a power of two, proof with the seed hash added", powerOfTwo, size2, powerRoot, root2, [powerRoot, .. powerProof]));
    }

    private static JsonObject Inclusion(Suite suite, string name, ulong index, ulong size, byte[] leafHash, byte[][] path, byte[] root) => new()
    {
        ["name"] = name,
        ["leafIndex"] = index,
        ["treeSize"] = size,
        ["leafHash"] = Hex(leafHash),
        ["path"] = HexArray(path),
        ["root"] = Hex(root),
        ["expect"] = Expect(MerkleTree.VerifyInclusion(suite, index, size, leafHash, path, root)),
    };

    private static JsonObject Consistency(Suite suite, string name, ulong size1, ulong size2, byte[] root1, byte[] root2, byte[][] proof) => new()
    {
        ["name"] = name,
        ["size1"] = size1,
        ["size2"] = size2,
        ["root1"] = Hex(root1),
        ["root2"] = Hex(root2),
        ["proof"] = HexArray(proof),
        ["expect"] = Expect(MerkleTree.VerifyConsistency(suite, size1, size2, root1, root2, proof)),
    };

    private static string Expect(ProofCheck check) => check.IsValid ? "valid" : check.Failure.ToString();

    /// <summary>A copy of the hashes with the low bit of the first byte of hash <paramref name="which"/> flipped.</summary>
    public static byte[][] Flip(byte[][] hashes, int which)
    {
        var copy = hashes.Select(h => (byte[])h.Clone()).ToArray();
        copy[which][0] ^= 0x01;
        return copy;
    }
}
