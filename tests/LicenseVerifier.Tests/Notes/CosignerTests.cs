using System.Buffers.Binary;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using static Regional.LicenseVerifier.Tests.Notes.NoteVectors;

namespace Regional.LicenseVerifier.Tests.Notes;

public class CosignerTests
{
    private static readonly DateTimeOffset _time = DateTimeOffset.FromUnixTimeSeconds(CosignatureTime);

    [Test]
    public void Cosign_FixedEd25519Seed_ReproducesTheIndependentVector()
    {
        var checkpoint = Checkpoint.ParseBody(CheckpointBody).Value!;

        var signature = Cosigner.Cosign(Signer(Ed25519WitnessSignerKey), checkpoint, _time.AddMilliseconds(999));

        Assert.That(signature.ToLine(), Is.EqualTo(Ed25519Cosignature));
    }

    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void Cosign_ThenTryVerify_GivesTheTimeInWholeSeconds(SignatureAlgorithm algorithm)
    {
        var witness = NewSigner(algorithm, WitnessName, NoteKeyKind.Cosignature);
        var checkpoint = NewCheckpoint();

        var signature = Cosigner.Cosign(witness, checkpoint, _time.AddMilliseconds(750));
        var verified = Cosigner.TryVerify(witness.Verifier, checkpoint, signature, out var time);

        Assert.That(verified, Is.True);
        Assert.That(time, Is.EqualTo(_time));
        Assert.That(BinaryPrimitives.ReadUInt64BigEndian(signature.Signature.Span), Is.EqualTo((ulong)CosignatureTime));
    }

    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void TryVerify_TamperedTimestamp_Fails(SignatureAlgorithm algorithm)
    {
        var witness = NewSigner(algorithm, WitnessName, NoteKeyKind.Cosignature);
        var checkpoint = NewCheckpoint();
        var bytes = Cosigner.Cosign(witness, checkpoint, _time).Signature.ToArray();
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)CosignatureTime + 1);

        var verified = Cosigner.TryVerify(witness.Verifier, checkpoint, new NoteSignature(witness.Name, witness.KeyId, bytes), out _);

        Assert.That(verified, Is.False);
    }

    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void TryVerify_DifferentCheckpoint_Fails(SignatureAlgorithm algorithm)
    {
        var witness = NewSigner(algorithm, WitnessName, NoteKeyKind.Cosignature);
        var signature = Cosigner.Cosign(witness, NewCheckpoint(size: 42), _time);

        Assert.That(Cosigner.TryVerify(witness.Verifier, NewCheckpoint(size: 43), signature, out _), Is.False);
        Assert.That(Cosigner.TryVerify(witness.Verifier, NewCheckpoint(fill: 0xAC), signature, out _), Is.False);
        Assert.That(Cosigner.TryVerify(witness.Verifier, NewCheckpoint() with { Extensions = ["x"] }, signature, out _), Is.False);
    }

    [Test]
    public void TryVerify_OtherWitnessName_Fails()
    {
        var witness = Signer(Ed25519WitnessSignerKey);
        var signature = Cosigner.Cosign(witness, NewCheckpoint(), _time);

        Assert.That(Cosigner.TryVerify(witness.Verifier, NewCheckpoint(), signature with { KeyName = "other.example" }, out _), Is.False);
    }

    [Test]
    public void Cosign_PlainSignatureKeyOrTimeBeforeEpoch_Throws()
    {
        var witness = Signer(Ed25519WitnessSignerKey);

        Assert.That(() => Cosigner.Cosign(Signer(PeterSignerKey), NewCheckpoint(), _time), Throws.ArgumentException);
        Assert.That(() => Cosigner.Cosign(witness, NewCheckpoint(), DateTimeOffset.UnixEpoch.AddSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
