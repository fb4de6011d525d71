using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Tests.Bundles;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>Failures of the signed checkpoint: CheckpointMismatch and IssuerSignature.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BlockValidatorCheckpointTests(string suiteName) : MirrorFixture(suiteName)
{
    [TestCase("", TestName = "Validate_CheckpointEmpty_CheckpointMismatch")]
    [TestCase("not a note", TestName = "Validate_CheckpointNotANote_CheckpointMismatch")]
    [TestCase("regional.example/bj\n4\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n", TestName = "Validate_CheckpointWithoutSignatureLines_CheckpointMismatch")]
    [TestCase("regional.example/bj\n4\n\n— regional.example/bj AAAAAAAA\n", TestName = "Validate_CheckpointWithoutRoot_CheckpointMismatch")]
    public void Validate_CheckpointMalformed_CheckpointMismatch(string note)
    {
        var (chain, mirror) = Started();

        var block = TestChain.WithHeader(chain.Build(Entries(3)), h => h.Checkpoint = note);

        AssertRefused(mirror, block, BlockFailure.CheckpointMismatch);
    }

    [Test]
    public void Validate_SignedNoteThatIsNoCheckpoint_CheckpointMismatch()
    {
        var (chain, mirror) = Started();
        var note = SignedNote.Sign("regional.example/bj\nhello\n", Federation.Issuer(Region)).ToString();

        AssertRefused(mirror, chain.Build(Entries(3), h => h.Checkpoint = note), BlockFailure.CheckpointMismatch);
    }

    [TestCase(1UL, false, TestName = "Validate_CheckpointOfLargerTree_CheckpointMismatch")]
    [TestCase(ulong.MaxValue, false, TestName = "Validate_CheckpointOfSmallerTree_CheckpointMismatch")]
    [TestCase(0UL, true, TestName = "Validate_CheckpointOfOtherRoot_CheckpointMismatch")]
    public void Validate_CheckpointDisagreesWithHeader_CheckpointMismatch(ulong sizeDelta, bool otherRoot)
    {
        var (chain, mirror) = Started();
        var block = chain.Build(Entries(3), h => h.Checkpoint = TestChain.SignCheckpoint(
            Federation.Issuer(Region), h.Origin, unchecked(h.TreeSize + sizeDelta), otherRoot ? Suite.Hash(h.RootHash.Span) : h.RootHash.Memory));

        AssertRefused(mirror, block, BlockFailure.CheckpointMismatch);
    }

    [Test]
    public void Validate_CheckpointOfOtherOrigin_CheckpointMismatch()
    {
        var (chain, mirror) = Started();
        var block = chain.Build(Entries(3), h => h.Checkpoint = TestChain.SignCheckpoint(Federation.Issuer("tj"), TestFederation.OriginOf("tj"), h.TreeSize, h.RootHash.Memory));

        AssertRefused(mirror, block, BlockFailure.CheckpointMismatch);
    }

    [Test]
    public void Validate_SignedByOtherKeyOfSameName_IssuerSignature()
    {
        var (chain, mirror) = Started();

        AssertRefused(mirror, chain.Build(Entries(3), signedBy: Federation.NewIssuer(Region)), BlockFailure.IssuerSignature);
    }

    [Test]
    public void Validate_SignedByOtherRegionsIssuer_IssuerSignature()
    {
        var (chain, mirror) = Started();

        AssertRefused(mirror, chain.Build(Entries(3), signedBy: Federation.Issuer("tj")), BlockFailure.IssuerSignature);
    }

    [Test]
    public void Validate_IssuerSignatureBytesFlipped_IssuerSignature()
    {
        var (chain, mirror) = Started();
        var block = chain.Build(Entries(3), h =>
        {
            var note = SignedNote.Parse(TestChain.SignCheckpoint(Federation.Issuer(Region), h.Origin, h.TreeSize, h.RootHash.Memory)).Value!;
            var line = note.ToString()[(note.Text.Length + 1)..];
            var space = line.LastIndexOf(' ');
            var bytes = Convert.FromBase64String(line[(space + 1)..^1]);
            bytes[^1] ^= 0x01;
            h.Checkpoint = $"{note.Text}\n{line[..(space + 1)]}{Convert.ToBase64String(bytes)}\n";
        });

        AssertRefused(mirror, block, BlockFailure.IssuerSignature);
    }

    [Test]
    public void Validate_KeysRotated_TrustedLogAcceptsOldAndNewKey()
    {
        var newKey = Federation.NewIssuer(Region);
        var chain = NewChain();
        var mirror = NewMirror(Federation.Trusted(Region, Federation.Issuer(Region), newKey));

        var old = mirror.Receive(chain.Seal(Issued(1)));
        var rotated = mirror.Receive(chain.SealBytes(chain.Closed(Entries(2)), signedBy: newKey));

        Assert.That(old.Failure, Is.EqualTo(BlockFailure.None), old.Detail);
        Assert.That(rotated.Failure, Is.EqualTo(BlockFailure.None), rotated.Detail);
    }

    [Test]
    public void Validate_SignedByRetiredKeyNoLongerTrusted_IssuerSignature()
    {
        var mirror = NewMirror(Federation.Trusted(Region, Federation.NewIssuer(Region)));

        AssertRefused(mirror, NewChain().Seal(Issued(1)), BlockFailure.IssuerSignature);
    }

    [Test]
    public void Validate_CheckpointAlsoCosigned_CosignatureIgnored()
    {
        var (chain, mirror) = Started();
        var block = chain.Build(chain.Closed(Entries(3)), h =>
        {
            var note = SignedNote.Parse(TestChain.SignCheckpoint(Federation.Issuer(Region), h.Origin, h.TreeSize, h.RootHash.Memory)).Value!;
            h.Checkpoint = TestLog.Cosign(note, TestChain.SealedAt, Federation.Witness("tj")).ToString();
        });

        Assert.That(mirror.Validate(block).Failure, Is.EqualTo(BlockFailure.None));
    }
}
