using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using static Regional.LicenseVerifier.Tests.Merkle.Rfc6962Vectors;

namespace Regional.LicenseVerifier.Tests.Merkle;

public class ProofBuilderTests
{
    private static readonly Suite Intl = Suite.Intl;

    private static MemoryNodeSource ReferenceTree() =>
        MemoryNodeSource.Build(Intl, LeafInputs.Select(input => Intl.HashLeaf(Bytes(input))));

    [TestCase(0UL, 1UL)]
    [TestCase(0UL, 8UL, Node01, Node11, Node21)]
    [TestCase(5UL, 8UL, Node04, Node13, Node20)]
    [TestCase(2UL, 3UL, Node10)]
    [TestCase(1UL, 5UL, Node00, Node11, Node04)]
    public void Inclusion_ReferenceTree_EqualsPublishedProof(ulong index, ulong size, params string[] published)
    {
        var proof = ProofBuilder.Inclusion(Intl, ReferenceTree(), index, size);

        Assert.That(proof.Select(Convert.ToHexStringLower), Is.EqualTo(published));
    }

    [TestCase(1UL, 1UL)]
    [TestCase(1UL, 8UL, Node01, Node11, Node21)]
    [TestCase(6UL, 8UL, Node12, Node13, Node20)]
    [TestCase(2UL, 5UL, Node11, Node04)]
    [TestCase(6UL, 7UL, Node12, Node06, Node20)]
    public void Consistency_ReferenceTree_EqualsPublishedProof(ulong size1, ulong size2, params string[] published)
    {
        var proof = ProofBuilder.Consistency(Intl, ReferenceTree(), size1, size2);

        Assert.That(proof.Select(Convert.ToHexStringLower), Is.EqualTo(published));
    }

    [Test]
    public void Root_EveryPastSizeOfReferenceTree_GivesReferenceRoot([Range(0, 8)] int size)
    {
        var root = ProofBuilder.Root(Intl, ReferenceTree(), (ulong)size);

        Assert.That(Convert.ToHexStringLower(root), Is.EqualTo(Roots[size]));
    }

    [TestCase(1000UL, 4096UL)]
    [TestCase(4095UL, 4096UL)]
    [TestCase(0UL, 4095UL)]
    [TestCase(2730UL, 3001UL)]
    public void Inclusion_LargeTree_ReadsLogarithmicNodesInOneCall(ulong index, ulong size)
    {
        var source = MemoryNodeSource.Random(Intl, 4096, seed: 7);
        source.ResetCounts();

        var proof = ProofBuilder.Inclusion(Intl, source, index, size);

        Assert.That(source.Calls, Is.EqualTo(1));
        Assert.That(source.NodesRead, Is.LessThanOrEqualTo(2 * 12).And.GreaterThanOrEqualTo(proof.Length));
    }

    [TestCase(1UL, 4096UL)]
    [TestCase(1365UL, 4095UL)]
    [TestCase(2047UL, 2049UL)]
    [TestCase(3000UL, 3001UL)]
    public void Consistency_LargeTree_ReadsLogarithmicNodesInOneCall(ulong size1, ulong size2)
    {
        var source = MemoryNodeSource.Random(Intl, 4096, seed: 7);
        source.ResetCounts();

        var proof = ProofBuilder.Consistency(Intl, source, size1, size2);

        Assert.That(source.Calls, Is.EqualTo(1));
        Assert.That(source.NodesRead, Is.LessThanOrEqualTo(2 * 12).And.GreaterThanOrEqualTo(proof.Length));
    }

    [Test]
    public void Root_LargeTree_ReadsOneNodePerSetBit()
    {
        var source = MemoryNodeSource.Random(Intl, 4096, seed: 7);
        source.ResetCounts();

        var root = ProofBuilder.Root(Intl, source, 4095);

        Assert.That((source.Calls, source.NodesRead), Is.EqualTo((1, 12)));
        Assert.That(root, Is.EqualTo(source.RootAt(4095)));
    }

    [Test]
    public void Inclusion_MutatingReturnedProof_LeavesSourceUnchanged()
    {
        var source = ReferenceTree();
        var proof = ProofBuilder.Inclusion(Intl, source, 0, 8);

        proof[0][0] ^= 1;

        Assert.That(Convert.ToHexStringLower(source.LeafHash(1)), Is.EqualTo(Node01));
    }

    [TestCase(0UL, 0UL)]
    [TestCase(8UL, 8UL)]
    [TestCase(9UL, 8UL)]
    public void Inclusion_IndexNotBelowSize_Throws(ulong index, ulong size)
    {
        Assert.That(() => ProofBuilder.Inclusion(Intl, ReferenceTree(), index, size), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Consistency_Size1AboveSize2_Throws()
    {
        Assert.That(() => ProofBuilder.Consistency(Intl, ReferenceTree(), 5, 4), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [TestCase(0UL, 0UL)]
    [TestCase(0UL, 8UL)]
    [TestCase(5UL, 5UL)]
    public void Consistency_EmptyOrSameSize_EmptyProofWithoutReads(ulong size1, ulong size2)
    {
        var source = ReferenceTree();

        var proof = ProofBuilder.Consistency(Intl, source, size1, size2);

        Assert.That((proof.Length, source.Calls), Is.EqualTo((0, 0)));
    }

    [Test]
    public void Root_SourceReturnsShortHash_ThrowsInvalidOperation()
    {
        var source = new BrokenSource();

        Assert.That(() => ProofBuilder.Root(Intl, source, 3), Throws.InvalidOperationException.With.Message.Contains("(0, 2)"));
    }

    private sealed class BrokenSource : ITreeNodeSource
    {
        public IReadOnlyList<byte[]> GetNodes(IReadOnlyList<NodeId> ids) =>
            ids.Select(id => id.Level == 0 ? new byte[31] : new byte[32]).ToList();
    }
}
