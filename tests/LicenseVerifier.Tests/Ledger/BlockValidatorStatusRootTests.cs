using Google.Protobuf;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>The block's StatusRoot: a block must end with exactly one, whose root is the mirror's map
/// root after the block's licence entries (InvalidEntry, StatusRootMismatch with both roots as
/// evidence); an accepted block gives the changed map nodes, which bring the mirror to the same root.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BlockValidatorStatusRootTests(string suiteName) : MirrorFixture(suiteName)
{
    [Test]
    public void Validate_NoTrailingStatusRoot_InvalidEntry()
    {
        var (chain, mirror) = Started();

        var check = AssertRefused(mirror, chain.Build(Entries(3, 4)), BlockFailure.InvalidEntry);

        Assert.That(check.Detail, Does.Contain("leaf 5").And.Contain("ends with its StatusRoot"));
    }

    [Test]
    public void Validate_StatusRootNotLast_InvalidEntry()
    {
        var (chain, mirror) = Started();
        var closed = chain.Closed(Entries(3));

        var check = AssertRefused(mirror, chain.Build([closed[1], closed[0]]), BlockFailure.InvalidEntry);

        Assert.That(check.Detail, Does.Contain("leaf 4").And.Contain("StatusRoot entry before the block's last leaf"));
    }

    [Test]
    public void Validate_TwoStatusRoots_InvalidEntry()
    {
        var (chain, mirror) = Started();
        var closed = chain.Closed(Entries(3));

        var check = AssertRefused(mirror, chain.Build([.. closed, closed[^1]]), BlockFailure.InvalidEntry);

        Assert.That(check.Detail, Does.Contain("leaf 5").And.Contain("before the block's last leaf"));
    }

    [TestCase(0)]
    [TestCase(31)]
    [TestCase(33)]
    public void Validate_StatusRootOfWrongLength_InvalidEntry(int length)
    {
        var (chain, mirror) = Started();

        var check = AssertRefused(mirror, chain.Build([.. Entries(3), chain.RootEntry(new byte[length]).ToByteArray()]), BlockFailure.InvalidEntry);

        Assert.That(check.Detail, Does.Contain($"status root of {length} bytes"));
    }

    [Test]
    public void Validate_RevocationLeftOutOfMap_StatusRootMismatchWithBothRoots()
    {
        var (chain, mirror) = Started();
        var revocation = Status(1, LicenseStatus.Revoked).ToByteArray();
        var honest = Root(chain.Closed([revocation])[^1]);
        var forged = Root(chain.Closed([])[^1]);

        var check = AssertRefused(mirror, chain.Build([revocation, chain.RootEntry(forged).ToByteArray()]), BlockFailure.StatusRootMismatch);

        Assert.Multiple(() =>
        {
            Assert.That(forged, Is.Not.EqualTo(honest));
            Assert.That(check.ClaimedStatusRoot, Is.EqualTo(forged));
            Assert.That(check.StatusRoot, Is.EqualTo(honest));
            Assert.That(check.StatusMapNodes, Is.Empty);
            Assert.That(check.Detail, Does.Contain(Convert.ToHexStringLower(forged)).And.Contain(Convert.ToHexStringLower(honest)));
        });
    }

    [Test]
    public void Validate_RootOfAnotherValue_StatusRootMismatch()
    {
        // The issuer's map says the licence is still version 1 after an amendment to version 2.
        var (chain, mirror) = Started();
        var amendment = ChainEntries.Amended(Suite, Region, Id(2), 2).ToByteArray();
        var forgedMap = new StatusMapUpdate(Suite, chain.StatusMap);
        var stale = LicenseStatusMap.Find(Suite, forgedMap, Id(2))!;
        LicenseStatusMap.Apply(Suite, forgedMap, 4, ChainEntries.Status(Region, Id(2), LicenseStatus.Active));
        Assume.That(LicenseStatusMap.Find(Suite, forgedMap, Id(2))!.Version, Is.EqualTo(stale.Version));

        var check = AssertRefused(mirror, chain.Build([amendment, chain.RootEntry(forgedMap.Commit().Root).ToByteArray()]), BlockFailure.StatusRootMismatch);

        Assert.That(check.StatusRoot, Is.EqualTo(Root(chain.Closed([amendment])[^1])));
    }

    [Test]
    public void Validate_HonestBlocks_MirrorMapFollowsChainMap()
    {
        var (chain, mirror) = Started();

        var check = mirror.Receive(chain.Seal(Issued(3), Status(1, LicenseStatus.Suspended), ChainEntries.Amended(Suite, Region, Id(2), 2)));

        Assert.Multiple(() =>
        {
            Assert.That(check.Failure, Is.EqualTo(BlockFailure.None), check.Detail);
            Assert.That(check.StatusRoot, Is.EqualTo(check.Entries[^1].StatusRoot.Root.ToByteArray()));
            Assert.That(check.StatusMapNodes, Is.Not.Empty);
            Assert.That(mirror.StatusMap.Find(MapPosition.Root)!.Hash, Is.EqualTo(check.StatusRoot));
            Assert.That(chain.StatusMap.Find(MapPosition.Root)!.Hash, Is.EqualTo(check.StatusRoot));
            Assert.That(LicenseStatusMap.Prove(Suite, mirror.StatusMap, Id(1)).Entry,
                Is.EqualTo(new StatusMapEntry { LicenseId = Id(1), Status = LicenseStatus.Suspended, Version = 1, LeafIndex = 5, NotAfter = Issued(1).LicenseIssued.Validity.NotAfter }));
            Assert.That(LicenseStatusMap.Prove(Suite, mirror.StatusMap, Id(2)).Entry!.Version, Is.EqualTo(2u));
        });
    }

    [Test]
    public void Validate_BlockWithoutLicenceChanges_SameRootNoNodes()
    {
        var (chain, mirror) = Started();
        var before = mirror.StatusMap.Find(MapPosition.Root)!.Hash;

        var heartbeat = mirror.Receive(chain.Seal());
        var other = mirror.Receive(chain.Seal(ChainEntries.Consent(Region, Id(1)), ChainEntries.Access(Region, Id(2), 1), ChainEntries.Catalog(Region, 2)));

        Assert.Multiple(() =>
        {
            Assert.That(heartbeat.Failure, Is.EqualTo(BlockFailure.None), heartbeat.Detail);
            Assert.That(other.Failure, Is.EqualTo(BlockFailure.None), other.Detail);
            Assert.That(heartbeat.StatusRoot, Is.EqualTo(before));
            Assert.That(other.StatusRoot, Is.EqualTo(before));
            Assert.That(heartbeat.StatusMapNodes, Is.Empty);
            Assert.That(other.StatusMapNodes, Is.Empty);
        });
    }

    [Test]
    public void Validate_GenesisOnlyStatusRoot_EmptyMapRoot()
    {
        var check = NewMirror().Validate(NewChain().Seal());

        Assert.That(check.Failure, Is.EqualTo(BlockFailure.None), check.Detail);
        Assert.That(check.StatusRoot, Is.EqualTo(new byte[32]));
    }

    [Test]
    public void Validate_MirrorMissingItsMap_StatusRootMismatch()
    {
        // A mirror that lost its map nodes cannot agree with the issuer's root, so it stores nothing.
        var (chain, mirror) = Started();
        var block = chain.Seal(Status(1, LicenseStatus.Revoked));

        var check = BlockValidator.Validate(Suite, Federation.Trusted(Region), mirror.Position, block, mirror.History, new MemoryStatusMap());

        Assert.That(check.Failure, Is.EqualTo(BlockFailure.StatusRootMismatch), check.Detail);
        Assert.That(check.Next, Is.Null);
    }

    private static byte[] Root(byte[] statusRootEntry) => LedgerEntry.Parser.ParseFrom(statusRootEntry).StatusRoot.Root.ToByteArray();
}
