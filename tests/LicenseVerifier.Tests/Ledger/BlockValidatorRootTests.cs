using Google.Protobuf;
using Regional.LicenseVerifier.Ledger;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>RootMismatch: the signed root is not the root of the mirror's tree plus the block's entries.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BlockValidatorRootTests(string suiteName) : MirrorFixture(suiteName)
{
    [Test]
    public void Validate_EntryBytesChangedHeaderKept_RootMismatch()
    {
        var (chain, mirror) = Started();
        var block = chain.Seal(Issued(3), Issued(4));
        block.Entries[1] = Issued(5).ToByteString();

        AssertRefused(mirror, block, BlockFailure.RootMismatch);
    }

    [Test]
    public void Validate_EntryDroppedAndCountsAdjusted_RootMismatch()
    {
        // Even the issuer's signature on the adjusted size does not help: the root is of three leaves.
        var (chain, mirror) = Started();
        var block = chain.Build(Entries(3, 4, 5), h => { h.LeafCount--; h.TreeSize--; });
        block.Entries.RemoveAt(2);

        AssertRefused(mirror, block, BlockFailure.RootMismatch);
    }

    [Test]
    public void Validate_EntriesSwapped_RootMismatch()
    {
        var (chain, mirror) = Started();
        var block = chain.Seal(Issued(3), Issued(4));
        (block.Entries[0], block.Entries[1]) = (block.Entries[1], block.Entries[0]);

        AssertRefused(mirror, block, BlockFailure.RootMismatch);
    }

    [Test]
    public void Validate_SignedRootOfOtherTree_RootMismatch()
    {
        var (chain, mirror) = Started();
        var block = chain.Build(Entries(3), h => h.RootHash = ByteString.CopyFrom(Suite.Hash(h.RootHash.Span)));

        AssertRefused(mirror, block, BlockFailure.RootMismatch);
    }

    [Test]
    public void Validate_BlockOnTopOfOtherMirrorTree_RootMismatch()
    {
        // The mirror's own tree counts: a block that only matches another history of leaves 0..2 fails.
        var (chain, mirror) = Started();
        var block = chain.Seal(Issued(3));
        var other = NewMirror();
        var otherChain = NewChain();
        other.ReceiveAll(otherChain.Seal(Issued(7), Issued(8), Issued(9)));
        var forked = mirror.Position with { Range = other.Position.Range };

        var check = BlockValidator.Validate(Suite, Federation.Trusted(Region), forked, block, mirror.History, mirror.StatusMap);

        Assert.That(check.Failure, Is.EqualTo(BlockFailure.RootMismatch), check.Detail);
        Assert.That(check.Next, Is.Null);
    }
}
