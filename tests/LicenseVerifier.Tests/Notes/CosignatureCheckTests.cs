using System.Buffers.Binary;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using static Regional.LicenseVerifier.Tests.Notes.NoteVectors;

namespace Regional.LicenseVerifier.Tests.Notes;

public class CosignatureCheckTests
{
    private static readonly DateTimeOffset _time = DateTimeOffset.FromUnixTimeSeconds(CosignatureTime);

    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void VerifyCosignatures_SignedCheckpointNote_ListsVerifiedFailedAndMissing(SignatureAlgorithm algorithm)
    {
        var log = NewSigner(algorithm, LogOrigin);
        var good = NewSigner(algorithm, "witness.example/good", NoteKeyKind.Cosignature);
        var bad = NewSigner(algorithm, "witness.example/bad", NoteKeyKind.Cosignature);
        var absent = NewSigner(algorithm, "witness.example/absent", NoteKeyKind.Cosignature);
        var stranger = NewSigner(algorithm, "witness.example/stranger", NoteKeyKind.Cosignature);
        var checkpoint = NewCheckpoint();
        var forged = Cosigner.Cosign(bad, NewCheckpoint(size: 41), _time);
        var note = SignedNote.Sign(checkpoint.ToBody(), log)
            .WithSignature(Cosigner.Cosign(good, checkpoint, _time))
            .WithSignature(forged)
            .WithSignature(Cosigner.Cosign(stranger, NewCheckpoint(size: 1), _time));

        var check = NoteVerification.VerifyCosignatures(SignedNote.Parse(note.ToString()).Value!, [good.Verifier, bad.Verifier, absent.Verifier]);

        Assert.That(check.Verified, Is.EqualTo(new[] { new WitnessCosignature(good.Name, good.KeyId, _time) }));
        Assert.That(check.Failed.Select(f => f.Name), Is.EqualTo(new[] { bad.Name }));
        Assert.That(check.Missing, Is.EqualTo(new[] { absent.Name }));
        Assert.That(check.For(good.Verifier)?.Time, Is.EqualTo(_time));
        Assert.That(NoteVerification.VerifyIssuer(note, log.Verifier).IsValid, Is.True, "unknown witnesses are ignored");
    }

    [Test]
    public void VerifyCosignatures_TimestampAbove2To63_FailsWithReason()
    {
        var witness = Signer(Ed25519WitnessSignerKey);
        var bytes = Cosigner.Cosign(witness, NewCheckpoint(), _time).Signature.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(bytes, 1ul << 63);
        var note = SignedNote.Sign(NewCheckpoint().ToBody(), Signer(PeterSignerKey))
            .WithSignature(new NoteSignature(witness.Name, witness.KeyId, bytes));

        var check = NoteVerification.VerifyCosignatures(note, [witness.Verifier]);

        Assert.That(check.Failed.Single().Reason, Does.Contain("2^63-1"));
    }

    [Test]
    public void VerifyCosignatures_PlainSignatureKey_Throws()
    {
        var note = SignedNote.Parse(PeterNote).Value!;

        Assert.That(() => NoteVerification.VerifyCosignatures(note, [Verifier(PeterVerifierKey)]), Throws.ArgumentException);
    }

    [Test]
    public void VerifyIssuer_FailingCosignatureOfKnownWitness_IsBadKnownSignature()
    {
        var log = Signer(PeterSignerKey);
        var witness = Signer(Ed25519WitnessSignerKey);
        var note = SignedNote.Sign(NewCheckpoint().ToBody(), log)
            .WithSignature(Cosigner.Cosign(witness, NewCheckpoint(size: 7), _time));

        var check = NoteVerification.VerifyIssuer(note, log.Verifier, [witness.Verifier]);

        Assert.That(check.Failure, Is.EqualTo(NoteFailure.BadKnownSignature));
    }
}
