using Google.Protobuf;
using Regional.LicenseVerifier.Ledger;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>Valid chains: block after block from genesis, with entries of every valid kind.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BlockValidatorChainTests(string suiteName) : MirrorFixture(suiteName)
{
    [Test]
    public void Validate_ChainOfBlocksFromGenesis_EachValidAndPositionsChain()
    {
        var chain = NewChain();
        Block[] blocks =
        [
            chain.Seal(ChainEntries.Catalog(Region), Issued(1)),
            chain.Seal(Issued(2), ChainEntries.Amended(Suite, Region, Id(1), 2), ChainEntries.Access(Region, Id(1), 1)),
            chain.Seal(Status(1, LicenseStatus.Suspended)),
            chain.Seal(Status(1, LicenseStatus.Active), ChainEntries.Consent(Region, Id(2)), Status(2, LicenseStatus.Revoked), ChainEntries.Catalog(Region, 2)),
        ];
        var mirror = NewMirror();
        ulong size = 0;

        for (var i = 0; i < blocks.Length; i++)
        {
            var before = mirror.Position;
            var check = mirror.Receive(blocks[i]);

            var header = BlockHeader.Parser.ParseFrom(blocks[i].Header);
            size += (ulong)blocks[i].Entries.Count;
            Assert.Multiple(() =>
            {
                Assert.That(check.Failure, Is.EqualTo(BlockFailure.None), check.Detail);
                Assert.That(check.Header, Is.EqualTo(header));
                Assert.That(check.Entries.Select(e => e.ToByteString()), Is.EqualTo(blocks[i].Entries));
                Assert.That(check.Next!.Height, Is.EqualTo((ulong)i));
                Assert.That(check.Next.LastBlockHash.ToArray(), Is.EqualTo(Suite.Hash(blocks[i].Header.Span)));
                Assert.That(header.PreviousBlockHash.ToByteArray(), Is.EqualTo(before.LastBlockHash.ToArray()));
                Assert.That(check.Next.Range.Size, Is.EqualTo(size));
                Assert.That(check.Next.Range.Root(), Is.EqualTo(header.RootHash.ToByteArray()));
            });
        }
        Assert.That(mirror.History.Find(Id(1)), Is.EqualTo(new LicenseState(LicenseStatus.Active, 2)));
        Assert.That(mirror.History.Find(Id(2)), Is.EqualTo(new LicenseState(LicenseStatus.Revoked, 1)));
    }

    [Test]
    public void Validate_GenesisBlock_PreviousHashIsZeroes()
    {
        var block = NewChain().Seal(Issued(1));

        var check = NewMirror().Validate(block);

        Assert.That(check.Failure, Is.EqualTo(BlockFailure.None), check.Detail);
        Assert.That(check.Header!.PreviousBlockHash.ToByteArray(), Is.EqualTo(new byte[32]));
        Assert.That(check.Header.FirstLeafIndex, Is.Zero);
    }

    [Test]
    public void Validate_IssueAndRevokeInOneBlock_None()
    {
        var block = NewChain().Seal(Issued(1), Status(1, LicenseStatus.Revoked));

        var check = NewMirror().Validate(block);

        Assert.That(check.Failure, Is.EqualTo(BlockFailure.None), check.Detail);
        Assert.That(check.Entries, Has.Count.EqualTo(3));
    }

    [Test]
    public void Validate_WholeLifecycleInOneBlock_None()
    {
        var block = NewChain().Seal(
            Issued(1),
            ChainEntries.Amended(Suite, Region, Id(1), 2),
            Status(1, LicenseStatus.Suspended),
            ChainEntries.Amended(Suite, Region, Id(1), 3),
            Status(1, LicenseStatus.Active),
            ChainEntries.Consent(Region, Id(1)),
            ChainEntries.Access(Region, Id(1), 7),
            Status(1, LicenseStatus.Revoked),
            ChainEntries.Access(Region, Id(1), 8));

        var check = NewMirror().Validate(block);

        Assert.That(check.Failure, Is.EqualTo(BlockFailure.None), check.Detail);
    }

    [TestCase("bj")]
    [TestCase("tj")]
    [TestCase("he")]
    public void Validate_ChainOfEachRegion_None(string region)
    {
        var chain = NewChain(region);
        var mirror = NewMirror(Federation.Trusted(region));
        var id = ChainEntries.LicenseId(region, 1);

        var first = mirror.Receive(chain.Seal(ChainEntries.Catalog(region), ChainEntries.Issued(Suite, region, id)));
        var second = mirror.Receive(chain.Seal(ChainEntries.Consent(region, id), ChainEntries.Status(region, id, LicenseStatus.Revoked)));

        Assert.That(first.Failure, Is.EqualTo(BlockFailure.None), first.Detail);
        Assert.That(second.Failure, Is.EqualTo(BlockFailure.None), second.Detail);
        Assert.That(mirror.Position.Height, Is.EqualTo(1UL));
    }

    [TestCase("sealed_at", TestName = "Validate_SealedAtChanged_AcceptedButSuccessorDoesNotChain")]
    public void Validate_UnsignedHeaderBytesChanged_AcceptedButSuccessorDoesNotChain(string change)
    {
        // Neither sealed_at nor unknown fields are signed or checked: only the next block's
        // previous hash pins them. (Field 2 as a varint is an unknown field to the parser.)
        var (chain, mirror) = Started();
        var honest = chain.Seal(Issued(3));
        var forged = change == "sealed_at"
            ? TestChain.WithHeader(honest, h => h.SealedAt = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = h.SealedAt.Seconds + 3600 })
            : new Block { Header = ByteString.CopyFrom([.. honest.Header.Span, 0x10, 0x64]), Entries = { honest.Entries } };

        var accepted = mirror.Receive(forged);
        var successor = mirror.Validate(chain.Seal(Issued(4)));

        Assert.That(accepted.Failure, Is.EqualTo(BlockFailure.None), accepted.Detail);
        Assert.That(successor.Failure, Is.EqualTo(BlockFailure.PreviousHashMismatch), successor.Detail);
    }

    [Test]
    public void Validate_UnknownFieldAppendedToHeader_Malformed()
    {
        var (chain, mirror) = Started();
        var honest = chain.Seal(Issued(3));
        var forged = new Block { Header = ByteString.CopyFrom([.. honest.Header.Span, 0x10, 0x64]), Entries = { honest.Entries } };

        var refused = mirror.Validate(forged);
        var accepted = mirror.Receive(honest);

        Assert.That(refused.Failure, Is.EqualTo(BlockFailure.Malformed), refused.Detail);
        Assert.That(accepted.Failure, Is.EqualTo(BlockFailure.None), accepted.Detail);
    }
}
