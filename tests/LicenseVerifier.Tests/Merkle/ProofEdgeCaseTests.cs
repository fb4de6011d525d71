using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using static Regional.LicenseVerifier.Tests.Merkle.Rfc6962Vectors;

namespace Regional.LicenseVerifier.Tests.Merkle;

/// <summary>The edge-case rules documented on <see cref="MerkleTree"/>, one test each.</summary>
public class ProofEdgeCaseTests
{
    private static readonly Suite Intl = Suite.Intl;
    private static readonly byte[] EmptyRoot = Intl.EmptyRoot.ToArray();
    private static readonly byte[] SomeHash = Bytes("abacaba000000000000000000000000000000000000000000060061e00123456");

    [Test]
    public void RootFromLeafHashes_NoLeaves_IsHashOfEmptyString([Values] bool gm)
    {
        var suite = gm ? Suite.Gm : Suite.Intl;

        var root = MerkleTree.RootFromLeafHashes(suite, []);

        Assert.That(root, Is.EqualTo(suite.Hash([])));
    }

    [TestCase(0UL, 0UL)]
    [TestCase(1UL, 0UL)]
    [TestCase(1UL, 1UL)]
    [TestCase(2UL, 1UL)]
    [TestCase(ulong.MaxValue, ulong.MaxValue)]
    public void VerifyInclusion_IndexNotBelowSize_IndexOutOfRange(ulong index, ulong size)
    {
        var check = MerkleTree.VerifyInclusion(Intl, index, size, SomeHash, [], EmptyRoot);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.IndexOutOfRange));
    }

    [TestCase(0, 32, 32, 0)]
    [TestCase(32, 31, 32, 0)]
    [TestCase(32, 32, 33, 2)]
    [TestCase(32, 32, 0, 1)]
    public void VerifyInclusion_HashOfWrongLength_BadHashLength(int leafLength, int rootLength, int proofLength, int at)
    {
        var proof = new[] { Bytes(Node01), Bytes(Node11), Bytes(Node21) };
        proof[at] = new byte[proofLength];

        var check = MerkleTree.VerifyInclusion(Intl, 0, 8, new byte[leafLength], proof, new byte[rootLength]);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.BadHashLength));
    }

    [Test]
    public void VerifyInclusion_HugeTreeWithWrongLength_WrongProofLengthWithoutOverflow()
    {
        var proof = Enumerable.Repeat(SomeHash, 63).ToArray();

        var check = MerkleTree.VerifyInclusion(Intl, 0, ulong.MaxValue, SomeHash, proof, SomeHash);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.WrongProofLength));
        Assert.That(check.Detail, Does.Contain("want 64"));
    }

    [Test]
    public void VerifyInclusion_HugeTreeWithFullLength_RootMismatchWithoutOverflow()
    {
        var proof = Enumerable.Repeat(SomeHash, 64).ToArray();

        var check = MerkleTree.VerifyInclusion(Intl, (1UL << 63) - 1, ulong.MaxValue, SomeHash, proof, SomeHash);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.RootMismatch));
    }

    [TestCase(1UL, 0UL)]
    [TestCase(9UL, 8UL)]
    [TestCase(ulong.MaxValue, 0UL)]
    public void VerifyConsistency_Size1AboveSize2_InvalidSize(ulong size1, ulong size2)
    {
        var check = MerkleTree.VerifyConsistency(Intl, size1, size2, SomeHash, SomeHash, []);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.InvalidSize));
    }

    [TestCase(5UL)]
    [TestCase(ulong.MaxValue)]
    public void VerifyConsistency_SameSizeSameRootEmptyProof_IsValid(ulong size)
    {
        var check = MerkleTree.VerifyConsistency(Intl, size, size, SomeHash, SomeHash, []);

        Assert.That(check.IsValid, Is.True);
    }

    [Test]
    public void VerifyConsistency_SameSizeDifferentRoots_RootMismatch()
    {
        var check = MerkleTree.VerifyConsistency(Intl, 5, 5, Root(5), Root(4), []);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.RootMismatch));
    }

    [TestCase(0UL)]
    [TestCase(5UL)]
    public void VerifyConsistency_SameSizeNonEmptyProof_WrongProofLength(ulong size)
    {
        var check = MerkleTree.VerifyConsistency(Intl, size, size, Root(size), Root(size), [SomeHash]);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.WrongProofLength));
    }

    [TestCase(0UL)]
    [TestCase(1UL)]
    [TestCase(8UL)]
    public void VerifyConsistency_FromEmptyTreeWithEmptyProof_IsValidForAnyRoot2(ulong size2)
    {
        var check = MerkleTree.VerifyConsistency(Intl, 0, size2, EmptyRoot, size2 == 0 ? EmptyRoot : SomeHash, []);

        Assert.That(check.IsValid, Is.True);
    }

    [Test]
    public void VerifyConsistency_FromEmptyTreeWithProof_WrongProofLength()
    {
        var check = MerkleTree.VerifyConsistency(Intl, 0, 8, EmptyRoot, Root(8), [Bytes(Node30)]);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.WrongProofLength));
    }

    [TestCase(0UL)]
    [TestCase(8UL)]
    public void VerifyConsistency_FromEmptyTreeWithOtherRoot1_RootMismatch(ulong size2)
    {
        var check = MerkleTree.VerifyConsistency(Intl, 0, size2, SomeHash, SomeHash, []);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.RootMismatch));
    }

    [TestCase(1UL, 2UL)]
    [TestCase(6UL, 8UL)]
    public void VerifyConsistency_ProperSizesEmptyProof_WrongProofLength(ulong size1, ulong size2)
    {
        var check = MerkleTree.VerifyConsistency(Intl, size1, size2, Root(size1), Root(size2), []);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.WrongProofLength));
    }

    [TestCase(0, 32, 32)]
    [TestCase(32, 12, 32)]
    [TestCase(32, 32, 0)]
    public void VerifyConsistency_HashOfWrongLength_BadHashLength(int root1Length, int root2Length, int proofLength)
    {
        byte[][] proof = [Bytes(Node12), new byte[proofLength], Bytes(Node20)];

        var check = MerkleTree.VerifyConsistency(Intl, 6, 7, new byte[root1Length], new byte[root2Length], proof);

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.BadHashLength));
    }
}
