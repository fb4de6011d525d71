using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;

namespace Regional.LicenseVerifier.Tests.Merkle;

/// <summary>
/// Random trees of up to 4096 leaves in both suites: every sampled proof from
/// <see cref="ProofBuilder"/> verifies, and every corruption of it (see <see cref="Corruptions"/>) fails.
/// </summary>
public class ProofPropertyTests
{
    private const int MaxSize = 4096;
    private const int Samples = 150;
    private static readonly ulong[] EdgeSizes = [1, 2, 3, 4, 5, 7, 8, 9, 255, 256, 257, 4095, 4096];
    private static readonly Dictionary<string, MemoryNodeSource> Trees = [];

    private static MemoryNodeSource Tree(Suite suite)
    {
        lock (Trees)
        {
            if (!Trees.TryGetValue(suite.Name, out var tree))
            {
                tree = MemoryNodeSource.Random(suite, MaxSize, seed: 4096);
                Trees.Add(suite.Name, tree);
            }
            return tree;
        }
    }

    private static Suite SuiteNamed(string name) => Suite.FromName(name)!;

    [Test]
    public void Inclusion_SampledProofs_VerifyAndCorruptionsFail([Values("gm", "intl")] string suiteName)
    {
        var suite = SuiteNamed(suiteName);
        var tree = Tree(suite);
        var random = new Random(1);
        var failures = new List<string>();
        var cases = EdgeSizes.SelectMany(n => new[] { (0UL, n), (n - 1, n) })
            .Concat(Enumerable.Range(0, Samples).Select(_ => Sample(random)));

        foreach (var (index, size) in cases)
        {
            var proof = ProofBuilder.Inclusion(suite, tree, index, size);
            var leaf = tree.LeafHash(index);
            var check = MerkleTree.VerifyInclusion(suite, index, size, leaf, proof, tree.RootAt(size));
            if (!check.IsValid)
            {
                failures.Add($"({index}, {size}) did not verify: {check}");
            }
            foreach (var probe in Corruptions.Inclusion(tree, index, size, proof, random))
            {
                var wrong = MerkleTree.VerifyInclusion(suite, probe.Index, probe.Size, probe.Leaf, probe.Proof, probe.Root);
                if (wrong.IsValid)
                {
                    failures.Add($"({index}, {size}) verified with {probe.Description}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Consistency_SampledProofs_VerifyAndCorruptionsFail([Values("gm", "intl")] string suiteName)
    {
        var suite = SuiteNamed(suiteName);
        var tree = Tree(suite);
        var random = new Random(2);
        var failures = new List<string>();
        var cases = EdgeSizes.SelectMany(n => new[] { (1UL, n), (n - 1, n), (n, n), (n, (ulong)MaxSize) })
            .Concat(Enumerable.Range(0, Samples).Select(_ => Sample(random)).Select(c => (c.Index + 1, c.Size)));

        foreach (var (size1, size2) in cases)
        {
            var proof = ProofBuilder.Consistency(suite, tree, size1, size2);
            var check = MerkleTree.VerifyConsistency(suite, size1, size2, tree.RootAt(size1), tree.RootAt(size2), proof);
            if (!check.IsValid)
            {
                failures.Add($"({size1}, {size2}) did not verify: {check}");
            }
            foreach (var probe in Corruptions.Consistency(tree, size1, size2, proof, random))
            {
                var wrong = MerkleTree.VerifyConsistency(suite, probe.Size1, probe.Size2, probe.Root1, probe.Root2, probe.Proof);
                if (wrong.IsValid)
                {
                    failures.Add($"({size1}, {size2}) verified with {probe.Description}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    /// <summary>A size in [1, MaxSize] and an index below it, skewed towards small sizes half the time.</summary>
    private static (ulong Index, ulong Size) Sample(Random random)
    {
        var size = (ulong)(random.Next(2) == 0 ? random.Next(1, 300) : random.Next(1, MaxSize + 1));
        return ((ulong)random.NextInt64((long)size), size);
    }
}
