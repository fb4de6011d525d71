using System.Numerics;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;

namespace Regional.LicenseVerifier.Tests.Merkle;

public class CompactRangeTests
{
    private static readonly Suite Intl = Suite.Intl;

    [Test]
    public void Root_EverySizeUpTo300_EqualsRootFromLeafHashes([Values] bool gm)
    {
        var suite = gm ? Suite.Gm : Suite.Intl;
        var leaves = new List<byte[]>();
        var range = CompactRange.Empty(suite);

        for (var n = 0; n <= 300; n++)
        {
            Assert.That(range.Root(), Is.EqualTo(MerkleTree.RootFromLeafHashes(suite, leaves)), $"size {n}");
            var leaf = suite.HashLeaf(BitConverter.GetBytes(n));
            leaves.Add(leaf);
            range = range.Append(leaf);
        }
    }

    [TestCase(0UL)]
    [TestCase(1UL, 0, 0UL)]
    [TestCase(6UL, 2, 0UL, 1, 2UL)]
    [TestCase(7UL, 2, 0UL, 1, 2UL, 0, 6UL)]
    [TestCase(13UL, 3, 0UL, 2, 2UL, 0, 12UL)]
    public void NodesFor_Size_OneNodePerSetBitLargestFirst(ulong size, params object[] levelIndexPairs)
    {
        var expected = levelIndexPairs.Chunk(2).Select(pair => new NodeId((int)pair[0], (ulong)pair[1]));

        Assert.That(CompactRange.NodesFor(size), Is.EqualTo(expected));
    }

    [Test]
    public void NodesFor_MaxSize_Has64NodesEndingWithLastLeaf()
    {
        var nodes = CompactRange.NodesFor(ulong.MaxValue);

        Assert.That((nodes.Count, nodes[0], nodes[^1]), Is.EqualTo((64, new NodeId(63, 0), new NodeId(0, ulong.MaxValue - 1))));
    }

    [Test]
    public void Append_EachLeaf_ReportsLeafThenCompletedParentsBottomUp()
    {
        var range = CompactRange.Empty(Intl);
        for (var n = 0UL; n < 300; n++)
        {
            var reported = new List<NodeId>();

            range = range.Append(Intl.HashLeaf(BitConverter.GetBytes(n)), (id, _) => reported.Add(id));

            var expected = Enumerable.Range(0, 1 + BitOperations.TrailingZeroCount(~n)).Select(l => new NodeId(l, n >> l));
            Assert.That(reported, Is.EqualTo(expected), $"leaf {n}");
        }
    }

    [TestCase(1), TestCase(2), TestCase(7), TestCase(64), TestCase(300), TestCase(1025)]
    public void Append_NLeaves_ReportsExactlyTheCompleteNodes(int n)
    {
        var source = MemoryNodeSource.Random(Intl, n, seed: n);

        var expected = Enumerable.Range(0, 11)
            .SelectMany(level => Enumerable.Range(0, n >> level).Select(i => new NodeId(level, (ulong)i)));

        Assert.That(source.Nodes.Keys.OrderBy(id => (id.Level, id.Index)), Is.EqualTo(expected));
        Assert.That(source.Count, Is.EqualTo((2 * n) - BitOperations.PopCount((uint)n)));
    }

    [Test]
    public void Append_ReportedHashes_AreThoseOfTheSubtrees()
    {
        var source = MemoryNodeSource.Random(Intl, 100, seed: 3);
        var leaves = Enumerable.Range(0, 100).Select(i => source.LeafHash((ulong)i)).ToArray();

        foreach (var (id, hash) in source.Nodes)
        {
            var first = checked((int)(id.Index << id.Level));
            var subtree = leaves.AsSpan(first, 1 << id.Level).ToArray();
            Assert.That(hash, Is.EqualTo(MerkleTree.RootFromLeafHashes(Intl, subtree)), id.ToString());
        }
    }

    [Test]
    public void Append_ReturnsNewRange_OriginalUnchanged()
    {
        var original = CompactRange.Empty(Intl).Append(Intl.HashLeaf([1]));
        var rootBefore = original.Root();

        var longer = original.Append(Intl.HashLeaf([2]));

        Assert.That((original.Size, longer.Size), Is.EqualTo((1UL, 2UL)));
        Assert.That(original.Root(), Is.EqualTo(rootBefore));
    }

    [Test]
    public void Append_WrongLeafHashLength_Throws()
    {
        Assert.That(() => CompactRange.Empty(Intl).Append(new byte[31]), Throws.ArgumentException);
    }
}
