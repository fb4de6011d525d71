using Google.Protobuf;
using Regional.LicenseVerifier.Ledger;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>Failures of the header's form and continuity: Malformed, WrongLog, HeightGap,
/// PreviousHashMismatch and LeafRangeMismatch. Each leaves the mirror where it was.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BlockValidatorHeaderTests(string suiteName) : MirrorFixture(suiteName)
{
    [TestCase("ff", TestName = "Validate_HeaderInvalidTag_Malformed")]
    [TestCase("0a", TestName = "Validate_HeaderLengthMissing_Malformed")]
    [TestCase("0a05626a", TestName = "Validate_HeaderLengthBeyondEnd_Malformed")]
    [TestCase("18ffffffffffffffffffff01", TestName = "Validate_HeaderVarintTooLong_Malformed")]
    public void Validate_HeaderNotProtobuf_Malformed(string hex)
    {
        var (chain, mirror) = Started();
        var block = chain.Seal(Issued(3));
        block.Header = ByteString.CopyFrom(Convert.FromHexString(hex));

        AssertRefused(mirror, block, BlockFailure.Malformed);
    }

    [Test]
    public void Validate_HeaderTruncated_Malformed()
    {
        var (chain, mirror) = Started();
        var block = chain.Seal(Issued(3));
        block.Header = ByteString.CopyFrom(block.Header.Span[..^5]);

        AssertRefused(mirror, block, BlockFailure.Malformed);
    }

    [Test]
    public void Validate_EmptyBlock_Malformed()
    {
        var (chain, mirror) = Started();

        AssertRefused(mirror, chain.Build([]), BlockFailure.Malformed);
    }

    [Test]
    public void Validate_MoreThanMaxEntries_Malformed()
    {
        var (chain, mirror) = Started();
        var block = chain.Build([Issued(3).ToByteArray()], h => { h.LeafCount = BlockValidator.MaxEntries + 1; h.TreeSize += BlockValidator.MaxEntries; });
        block.Entries.Add(Enumerable.Repeat(ByteString.Empty, BlockValidator.MaxEntries));

        AssertRefused(mirror, block, BlockFailure.Malformed);
    }

    [TestCase("tj", "regional.example/tj", TestName = "Validate_BlockOfOtherRegion_WrongLog")]
    [TestCase("bj", "regional.example/tj", TestName = "Validate_HeaderNamesOtherOrigin_WrongLog")]
    [TestCase("tj", "regional.example/bj", TestName = "Validate_HeaderNamesOtherRegion_WrongLog")]
    [TestCase("bj", "regional.example/bj2", TestName = "Validate_HeaderNamesLookalikeOrigin_WrongLog")]
    [TestCase("BJ", "regional.example/bj", TestName = "Validate_HeaderRegionUpperCase_WrongLog")]
    public void Validate_HeaderOfOtherLog_WrongLog(string region, string origin)
    {
        var (chain, mirror) = Started();
        var block = chain.Build([Issued(3).ToByteArray()], h => { h.Region = region; h.Origin = origin; });

        AssertRefused(mirror, block, BlockFailure.WrongLog);
    }

    [Test]
    public void Validate_WholeChainOfOtherRegion_WrongLog()
    {
        var tianjin = NewChain("tj");

        AssertRefused(NewMirror(), tianjin.Seal(ChainEntries.Issued(Suite, "tj", ChainEntries.LicenseId("tj", 1))), BlockFailure.WrongLog);
    }

    [Test]
    public void Validate_BlockSkipped_HeightGap()
    {
        var (chain, mirror) = Started();
        chain.Seal(Issued(3));

        AssertRefused(mirror, chain.Seal(Issued(4)), BlockFailure.HeightGap);
    }

    [Test]
    public void Validate_SameBlockReplayed_HeightGap()
    {
        var chain = NewChain();
        var mirror = NewMirror();
        var block = chain.Seal(Issued(1));
        mirror.ReceiveAll(block);

        AssertRefused(mirror, block, BlockFailure.HeightGap);
    }

    [Test]
    public void Validate_FirstBlockAtHeightOne_HeightGap()
    {
        var block = NewChain().Build([Issued(1).ToByteArray()], h => h.Height = 1);

        AssertRefused(NewMirror(), block, BlockFailure.HeightGap);
    }

    [Test]
    public void Validate_PreviousHashChanged_PreviousHashMismatch()
    {
        var (chain, mirror) = Started();
        var block = chain.Build([Issued(3).ToByteArray()], h => h.PreviousBlockHash = ByteString.CopyFrom(Suite.Hash(h.PreviousBlockHash.Span)));

        AssertRefused(mirror, block, BlockFailure.PreviousHashMismatch);
    }

    [Test]
    public void Validate_GenesisWithNonZeroPreviousHash_PreviousHashMismatch()
    {
        var block = NewChain().Build([Issued(1).ToByteArray()], h => h.PreviousBlockHash = ByteString.CopyFrom(new byte[31]));

        AssertRefused(NewMirror(), block, BlockFailure.PreviousHashMismatch);
    }

    [Test]
    public void Validate_BlockOfForkedChain_PreviousHashMismatch()
    {
        var (_, mirror) = Started();
        var fork = NewChain();
        fork.Seal(Issued(1), Issued(2), ChainEntries.Catalog(Region, 2));

        AssertRefused(mirror, fork.Seal(Issued(3)), BlockFailure.PreviousHashMismatch);
    }

    [TestCase(1UL, 0UL, 1UL, TestName = "Validate_FirstLeafIndexAhead_LeafRangeMismatch")]
    [TestCase(ulong.MaxValue, 0UL, ulong.MaxValue, TestName = "Validate_FirstLeafIndexBehind_LeafRangeMismatch")]
    [TestCase(0UL, 1UL, 1UL, TestName = "Validate_LeafCountTooHigh_LeafRangeMismatch")]
    [TestCase(0UL, ulong.MaxValue, ulong.MaxValue, TestName = "Validate_LeafCountTooLow_LeafRangeMismatch")]
    [TestCase(0UL, 0UL, 1UL, TestName = "Validate_TreeSizeTooHigh_LeafRangeMismatch")]
    [TestCase(0UL, 0UL, ulong.MaxValue, TestName = "Validate_TreeSizeTooLow_LeafRangeMismatch")]
    public void Validate_LeafRangeOff_LeafRangeMismatch(ulong firstDelta, ulong countDelta, ulong sizeDelta)
    {
        // Deltas wrap on purpose: ulong.MaxValue is -1.
        var (chain, mirror) = Started();
        var block = chain.Build([Issued(3).ToByteArray(), Issued(4).ToByteArray()], h =>
        {
            h.FirstLeafIndex = unchecked(h.FirstLeafIndex + firstDelta);
            h.LeafCount = unchecked(h.LeafCount + countDelta);
            h.TreeSize = unchecked(h.TreeSize + sizeDelta);
        });

        AssertRefused(mirror, block, BlockFailure.LeafRangeMismatch);
    }

    [Test]
    public void Validate_EntryAddedToSealedBlock_LeafRangeMismatch()
    {
        var (chain, mirror) = Started();
        var block = chain.Seal(Issued(3));
        block.Entries.Add(Issued(4).ToByteString());

        AssertRefused(mirror, block, BlockFailure.LeafRangeMismatch);
    }

    [Test]
    public void Validate_HugeLeafCountAndIndex_LeafRangeMismatchWithoutOverflow()
    {
        var (chain, mirror) = Started();
        var block = chain.Build([Issued(3).ToByteArray()], h => { h.FirstLeafIndex = ulong.MaxValue; h.LeafCount = ulong.MaxValue; h.TreeSize = 5; });

        AssertRefused(mirror, block, BlockFailure.LeafRangeMismatch);
    }
}
