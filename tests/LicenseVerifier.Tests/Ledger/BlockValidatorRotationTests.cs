using Google.Protobuf;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.LicenseVerifier.Tests.Ledger;

/// <summary>A mirror follows a key rotation: the block holding a KeyRotated entry is signed by the
/// old key, which must be the entry's previous key and endorse the new one; later blocks must be
/// signed by the new key, and the old key is refused.</summary>
[TestFixture("gm")]
[TestFixture("intl")]
public class BlockValidatorRotationTests(string suiteName) : MirrorFixture(suiteName)
{
    [Test]
    public void Validate_GoodRotation_MovesToNewKeyAndAcceptsItsBlocks()
    {
        var (chain, mirror) = Started();
        var next = Federation.NewIssuer(Region);

        var rotation = mirror.Receive(chain.Seal(Rotated(Federation.Issuer(Region), next.Verifier)));
        var after = mirror.Receive(chain.SealBytes(chain.Closed(Entries(3)), signedBy: next));

        Assert.Multiple(() =>
        {
            Assert.That(rotation.Failure, Is.EqualTo(BlockFailure.None), rotation.Detail);
            Assert.That(rotation.Rotation!.PreviousKey.VerifierKey, Is.EqualTo(Federation.Issuer(Region).Verifier.VerifierKey));
            Assert.That(rotation.Rotation.NewKey.VerifierKey, Is.EqualTo(next.Verifier.VerifierKey));
            Assert.That(rotation.Rotation.LeafIndex, Is.EqualTo(4UL));
            Assert.That(rotation.Rotation.LastTreeSize, Is.EqualTo(6UL));
            Assert.That(rotation.Next!.IssuerKey!.VerifierKey, Is.EqualTo(next.Verifier.VerifierKey));
            Assert.That(after.Failure, Is.EqualTo(BlockFailure.None), after.Detail);
            Assert.That(after.Rotation, Is.Null);
            Assert.That(after.Next!.IssuerKey!.VerifierKey, Is.EqualTo(next.Verifier.VerifierKey));
        });
    }

    [Test]
    public void Validate_OldKeyAfterRotation_IssuerSignature()
    {
        var (chain, mirror) = Started();
        var next = Federation.NewIssuer(Region);
        mirror.ReceiveAll(chain.Seal(Rotated(Federation.Issuer(Region), next.Verifier)));

        var check = AssertRefused(mirror, chain.Build(Entries(3)), BlockFailure.IssuerSignature);

        Assert.That(check.Detail, Does.Contain(next.Verifier.VerifierKey));
    }

    [Test]
    public void Validate_OldKeyListedRetired_IssuerSignatureNamingRetiredKey()
    {
        var chain = NewChain();
        var next = Federation.NewIssuer(Region);
        var mirror = NewMirror(Federation.Trusted(Region, next) with { RetiredIssuerKeys = [new RetiredKey(Federation.Issuer(Region).Verifier, 4)] });
        mirror.ReceiveAll(chain.Seal(Issued(1)), chain.Seal(Rotated(Federation.Issuer(Region), next.Verifier)));

        var check = AssertRefused(mirror, chain.Build(Entries(3)), BlockFailure.IssuerSignature);

        Assert.That(check.Detail, Does.Contain("retired key beyond its last size"));
    }

    [Test]
    public void Validate_FreshMirrorTrustingKeyHistory_FollowsFromGenesisThroughRotation()
    {
        var chain = NewChain();
        var next = Federation.NewIssuer(Region);
        var blocks = new[] { chain.Seal(Issued(1)), chain.Seal(Rotated(Federation.Issuer(Region), next.Verifier)), chain.SealBytes(chain.Closed(Entries(2)), signedBy: next) };
        var mirror = NewMirror(Federation.Trusted(Region, next) with { RetiredIssuerKeys = [new RetiredKey(Federation.Issuer(Region).Verifier, 4)] });

        mirror.ReceiveAll(blocks);

        Assert.That(mirror.Position.IssuerKey!.VerifierKey, Is.EqualTo(next.Verifier.VerifierKey));
        Assert.That(mirror.Position.Range.Size, Is.EqualTo(6UL));
    }

    [Test]
    public void Validate_EndorsementBySomeOtherKey_InvalidEntry()
    {
        var (chain, mirror) = Started();
        var next = Federation.NewIssuer(Region);
        var entry = Rotated(Federation.Issuer(Region), next.Verifier);
        entry.KeyRotated.Endorsement = KeyRotation.Endorse(Federation.NewIssuer(Region), next.Verifier).Endorsement;

        var check = AssertRefused(mirror, chain.Build(chain.Closed([entry.ToByteArray()])), BlockFailure.InvalidEntry);

        Assert.That(check.Detail, Does.Contain("endorsement"));
    }

    [Test]
    public void Validate_PreviousKeyIsNotTheSigningKey_InvalidEntry()
    {
        var (chain, mirror) = Started();
        var stranger = Federation.NewIssuer(Region);

        var check = AssertRefused(mirror, chain.Build(chain.Closed([Rotated(stranger, Federation.NewIssuer(Region).Verifier).ToByteArray()])), BlockFailure.InvalidEntry);

        Assert.That(check.Detail, Does.Contain("names previous key"));
    }

    [Test]
    public void Validate_TwoRotationsInOneBlock_InvalidEntry()
    {
        var (chain, mirror) = Started();
        var entry = Rotated(Federation.Issuer(Region), Federation.NewIssuer(Region).Verifier);

        var check = AssertRefused(mirror, chain.Build(chain.Closed([entry.ToByteArray(), entry.ToByteArray()])), BlockFailure.InvalidEntry);

        Assert.That(check.Detail, Does.Contain("second key rotation"));
    }

    internal static LedgerEntry Rotated(NoteSigner previous, NoteVerifier next) =>
        ChainEntries.Entry(Region, e => e.KeyRotated = KeyRotation.Endorse(previous, next));
}
