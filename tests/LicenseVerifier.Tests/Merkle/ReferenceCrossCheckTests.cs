using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;

namespace Regional.LicenseVerifier.Tests.Merkle;

/// <summary>Every proof and root of every small tree equals the literal RFC 9162 definitions.</summary>
public class ReferenceCrossCheckTests
{
    private const int MaxSize = 40;
    private static readonly Suite Intl = Suite.Intl;

    [Test]
    public void Inclusion_EverySmallTree_EqualsRfcPath()
    {
        var source = MemoryNodeSource.Random(Intl, MaxSize, seed: 11);
        var leaves = Leaves(source);
        var mismatches = new List<string>();

        for (var n = 1; n <= MaxSize; n++)
        {
            for (var m = 0; m < n; m++)
            {
                var proof = ProofBuilder.Inclusion(Intl, source, (ulong)m, (ulong)n);
                if (!Same(proof, RfcReference.Path(Intl, m, leaves[..n])))
                {
                    mismatches.Add($"PATH({m}, D[{n}])");
                }
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Consistency_EverySmallTreePair_EqualsRfcProof()
    {
        var source = MemoryNodeSource.Random(Intl, MaxSize, seed: 12);
        var leaves = Leaves(source);
        var mismatches = new List<string>();

        for (var n = 1; n <= MaxSize; n++)
        {
            for (var m = 1; m <= n; m++)
            {
                var proof = ProofBuilder.Consistency(Intl, source, (ulong)m, (ulong)n);
                if (!Same(proof, RfcReference.Proof(Intl, m, leaves[..n])))
                {
                    mismatches.Add($"PROOF({m}, D[{n}])");
                }
            }
        }

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Roots_EverySmallTree_EqualRfcMth([Values] bool gm)
    {
        var suite = gm ? Suite.Gm : Suite.Intl;
        var source = MemoryNodeSource.Random(suite, MaxSize, seed: 13);
        var leaves = Leaves(source);

        for (var n = 0; n <= MaxSize; n++)
        {
            var expected = RfcReference.Mth(suite, leaves[..n]);
            Assert.That(ProofBuilder.Root(suite, source, (ulong)n), Is.EqualTo(expected), $"ProofBuilder.Root({n})");
            Assert.That(MerkleTree.RootFromLeafHashes(suite, leaves[..n]), Is.EqualTo(expected), $"RootFromLeafHashes({n})");
        }
    }

    private static ArraySegment<byte[]> Leaves(MemoryNodeSource source) =>
        Enumerable.Range(0, checked((int)source.Range.Size)).Select(i => source.LeafHash((ulong)i)).ToArray();

    private static bool Same(byte[][] actual, List<byte[]> expected) =>
        actual.Length == expected.Count && actual.Zip(expected).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));
}
