using System.Numerics;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;

namespace Regional.LicenseVerifier.Tests.Merkle;

/// <summary>Rebuilding a range at restart from stored hashes, and keeping its values immutable.</summary>
public class CompactRangeRestartTests
{
    private static readonly Suite Intl = Suite.Intl;

    [TestCase(0), TestCase(1), TestCase(6), TestCase(7), TestCase(64), TestCase(299)]
    public void FromHashes_StoredNodesOfSize_ContinuesLikeTheOriginal(int size)
    {
        var source = MemoryNodeSource.Random(Intl, size, seed: size);
        var stored = source.GetNodes(CompactRange.NodesFor((ulong)size));
        var next = Intl.HashLeaf("next"u8);

        var rebuilt = CompactRange.FromHashes(Intl, (ulong)size, stored);

        Assert.That(rebuilt.Hashes, Is.EqualTo(source.Range.Hashes));
        Assert.That(rebuilt.Root(), Is.EqualTo(source.Range.Root()));
        Assert.That(rebuilt.Append(next).Root(), Is.EqualTo(source.Range.Append(next).Root()));
    }

    [TestCase(0UL, 1)]
    [TestCase(5UL, 1)]
    [TestCase(5UL, 3)]
    [TestCase(ulong.MaxValue, 63)]
    public void FromHashes_CountNotPopCount_Throws(ulong size, int count)
    {
        var hashes = Enumerable.Repeat(new byte[Suite.HashSize], count).ToList();

        Assert.That(() => CompactRange.FromHashes(Intl, size, hashes),
            Throws.ArgumentException.With.Message.Contains($"want {BitOperations.PopCount(size)}"));
    }

    [Test]
    public void FromHashes_HashOfWrongLength_Throws()
    {
        Assert.That(() => CompactRange.FromHashes(Intl, 3, [new byte[32], new byte[31]]), Throws.ArgumentException);
    }

    [Test]
    public void FromHashes_CallerMutatesInput_RangeUnchanged()
    {
        var hash = Intl.HashLeaf([7]);
        var range = CompactRange.FromHashes(Intl, 1, [hash]);
        var root = range.Root();

        hash[0] ^= 1;

        Assert.That(range.Root(), Is.EqualTo(root));
    }

    [Test]
    public void Hashes_CallerMutatesResult_RangeUnchanged()
    {
        var range = CompactRange.Empty(Intl).Append(Intl.HashLeaf([7]));
        var root = range.Root();

        range.Hashes[0][0] ^= 1;

        Assert.That(range.Root(), Is.EqualTo(root));
    }

    [Test]
    public void Root_EmptyRange_IsEmptyRootOfSuite([Values] bool gm)
    {
        var suite = gm ? Suite.Gm : Suite.Intl;

        Assert.That(CompactRange.Empty(suite).Root(), Is.EqualTo(suite.Hash([])));
    }
}
