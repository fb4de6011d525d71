using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using static Regional.LicenseVerifier.Tests.Vectors.VectorFiles;

namespace Regional.LicenseVerifier.Tests.Vectors;

/// <summary>merkle-SUITE.json: leaf hashes, roots, inclusion and consistency proofs.</summary>
public class MerkleVectorTests
{
    private static IEnumerable<TestCaseData> Inclusions() => Cases("merkle", "inclusion");

    private static IEnumerable<TestCaseData> Consistencies() => Cases("merkle", "consistency");

    private static IEnumerable<TestCaseData> Files() => Of("merkle").Select(f => new TestCaseData(f.Suite, f.File).SetName($"merkle roots {f.Suite.Name}"));

    [TestCaseSource(nameof(Files))]
    public void RootFromLeafHashes_EveryPrefix_GivesVectorRoot(Suite suite, JsonObject file)
    {
        var leaves = file["leaves"]!.AsArray();
        var hashes = leaves.Select(l => suite.HashLeaf(Hex(l!["data"]))).ToList();

        Assert.That(hashes.Select(Convert.ToHexStringLower), Is.EqualTo(leaves.Select(l => l!["leafHash"]!.GetValue<string>())));
        foreach (var root in file["roots"]!.AsArray())
        {
            var size = root!["size"]!.GetValue<int>();
            Assert.That(Convert.ToHexStringLower(MerkleTree.RootFromLeafHashes(suite, hashes[..size])), Is.EqualTo(root["root"]!.GetValue<string>()), $"size {size}");
        }
    }

    [TestCaseSource(nameof(Inclusions))]
    public void VerifyInclusion_Vector_GivesExpectedResult(Suite suite, JsonObject vector, JsonObject file)
    {
        var check = MerkleTree.VerifyInclusion(suite, vector["leafIndex"]!.GetValue<ulong>(), vector["treeSize"]!.GetValue<ulong>(),
            Hex(vector["leafHash"]), HexArray(vector["path"]), Hex(vector["root"]));

        Assert.That(check.IsValid ? "valid" : check.Failure.ToString(), Is.EqualTo(vector["expect"]!.GetValue<string>()), check.Detail);
    }

    [TestCaseSource(nameof(Consistencies))]
    public void VerifyConsistency_Vector_GivesExpectedResult(Suite suite, JsonObject vector, JsonObject file)
    {
        var check = MerkleTree.VerifyConsistency(suite, vector["size1"]!.GetValue<ulong>(), vector["size2"]!.GetValue<ulong>(),
            Hex(vector["root1"]), Hex(vector["root2"]), HexArray(vector["proof"]));

        Assert.That(check.IsValid ? "valid" : check.Failure.ToString(), Is.EqualTo(vector["expect"]!.GetValue<string>()), check.Detail);
    }
}
