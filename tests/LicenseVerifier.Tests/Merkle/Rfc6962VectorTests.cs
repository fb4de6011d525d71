using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using static Regional.LicenseVerifier.Tests.Merkle.Rfc6962Vectors;

namespace Regional.LicenseVerifier.Tests.Merkle;

/// <summary>The tree, its roots and its proof verification reproduce the RFC 6962 reference vectors bit for bit.</summary>
public class Rfc6962VectorTests
{
    private static readonly Suite Intl = Suite.Intl;

    [TestCase(0), TestCase(1), TestCase(2), TestCase(3), TestCase(4), TestCase(5), TestCase(6), TestCase(7)]
    public void HashLeaf_ReferenceLeafInput_GivesReferenceLeafHash(int index)
    {
        var entry = Bytes(LeafInputs[index]);

        var leafHash = Intl.HashLeaf(entry);

        Assert.That(Convert.ToHexStringLower(leafHash), Is.EqualTo(NodeHashes[0][index]));
    }

    [Test]
    public void RootFromLeafHashes_EveryReferencePrefix_GivesReferenceRoot([Range(0, 8)] int size)
    {
        var leafHashes = Enumerable.Range(0, size).Select(i => LeafHash((ulong)i)).ToList();

        var root = MerkleTree.RootFromLeafHashes(Intl, leafHashes);

        Assert.That(Convert.ToHexStringLower(root), Is.EqualTo(Roots[size]));
    }

    [Test]
    public void Append_ReferenceLeaves_ReportsEveryReferenceNode()
    {
        var reported = new Dictionary<NodeId, string>();
        var range = CompactRange.Empty(Intl);

        foreach (var input in LeafInputs)
        {
            range = range.Append(Intl.HashLeaf(Bytes(input)), (id, hash) => reported.Add(id, Convert.ToHexStringLower(hash)));
        }

        var expected = NodeHashes
            .SelectMany((level, l) => level.Select((hash, i) => (Id: new NodeId(l, (ulong)i), Hash: hash)))
            .ToDictionary(node => node.Id, node => node.Hash);
        Assert.That(reported, Is.EquivalentTo(expected));
    }

    [TestCase(0UL, 1UL)]
    [TestCase(0UL, 8UL, Node01, Node11, Node21)]
    [TestCase(5UL, 8UL, Node04, Node13, Node20)]
    [TestCase(2UL, 3UL, Node10)]
    [TestCase(1UL, 5UL, Node00, Node11, Node04)]
    public void VerifyInclusion_PublishedProof_IsValid(ulong index, ulong size, params string[] proof)
    {
        var check = MerkleTree.VerifyInclusion(Intl, index, size, LeafHash(index), Bytes(proof), Root(size));

        Assert.That(check, Is.EqualTo(ProofCheck.Valid));
    }

    [TestCase(1UL, 1UL)]
    [TestCase(1UL, 8UL, Node01, Node11, Node21)]
    [TestCase(6UL, 8UL, Node12, Node13, Node20)]
    [TestCase(2UL, 5UL, Node11, Node04)]
    [TestCase(6UL, 7UL, Node12, Node06, Node20)]
    public void VerifyConsistency_PublishedProof_IsValid(ulong size1, ulong size2, params string[] proof)
    {
        var check = MerkleTree.VerifyConsistency(Intl, size1, size2, Root(size1), Root(size2), Bytes(proof));

        Assert.That(check, Is.EqualTo(ProofCheck.Valid));
    }

    [TestCase(0UL, 8UL, Node01, Node11, Node21)]
    [TestCase(5UL, 8UL, Node04, Node13, Node20)]
    [TestCase(1UL, 5UL, Node00, Node11, Node04)]
    public void VerifyInclusion_PublishedProofAgainstOtherRoot_RootMismatch(ulong index, ulong size, params string[] proof)
    {
        var check = MerkleTree.VerifyInclusion(Intl, index, size, LeafHash(index), Bytes(proof), Root(size - 1));

        Assert.That(check.Failure, Is.EqualTo(ProofFailure.RootMismatch));
    }
}
