using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using static Regional.LicenseVerifier.Tests.Notes.NoteVectors;

namespace Regional.LicenseVerifier.Tests.Notes;

public class NoteVerificationTests
{
    [Test]
    public void VerifyIssuer_C2spSpecExample_IsValid()
    {
        var check = NoteVerification.VerifyIssuer(SpecNote, Verifier(SpecVerifierKey));

        Assert.That(check, Is.EqualTo(NoteCheck.Valid));
    }

    [Test]
    public void VerifyIssuer_UnknownKeysOnly_IsMissingIssuerSignature()
    {
        var check = NoteVerification.VerifyIssuer(PeterText + "\n" + EnochSignature, Verifier(PeterVerifierKey));

        Assert.That(check.Failure, Is.EqualTo(NoteFailure.MissingIssuerSignature));
        Assert.That(check.Detail, Does.Contain("PeterNeumann+c74f20a3"));
    }

    [Test]
    public void VerifyIssuer_UnknownKeyBesideIssuer_IsIgnored()
    {
        var check = NoteVerification.VerifyIssuer(PeterText + "\n" + EnochSignature + PeterSignature, Verifier(PeterVerifierKey));

        Assert.That(check.IsValid, Is.True, check.Detail);
    }

    [Test]
    public void VerifyIssuer_SameNameOtherKeyId_IsIgnored()
    {
        var forged = new NoteSignature("PeterNeumann", 0xc74f20a4, new byte[64]);
        var note = SignedNote.Parse(PeterNote).Value!.WithSignature(forged);

        var check = NoteVerification.VerifyIssuer(note, Verifier(PeterVerifierKey));

        Assert.That(check.IsValid, Is.True, check.Detail);
    }

    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void VerifyIssuer_TamperedText_IsBadIssuerSignature(SignatureAlgorithm algorithm)
    {
        var log = NewSigner(algorithm, LogOrigin);
        var signed = SignedNote.Sign(CheckpointBody, log).ToString();

        var check = NoteVerification.VerifyIssuer(signed.Replace("\n42\n", "\n43\n", StringComparison.Ordinal), log.Verifier);

        Assert.That(check.Failure, Is.EqualTo(NoteFailure.BadIssuerSignature));
    }

    [Test]
    public void VerifyIssuer_GoSignatureWithInsertedBytes_IsBadIssuerSignature()
    {
        var tampered = PeterText + "\n" + PeterSignature[..60] + "ABCD" + PeterSignature[60..];

        var check = NoteVerification.VerifyIssuer(tampered, Verifier(PeterVerifierKey));

        Assert.That(check.Failure, Is.EqualTo(NoteFailure.BadIssuerSignature));
    }

    [Test]
    public void VerifyIssuer_BadSignatureByOtherKnownKey_IsBadKnownSignature()
    {
        var enoch = Verifier(EnochVerifierKey);
        var badEnoch = new NoteSignature("EnochRoot", enoch.KeyId, new byte[64]);
        var note = SignedNote.Parse(PeterNote).Value!.WithSignature(badEnoch);

        var check = NoteVerification.VerifyIssuer(note, Verifier(PeterVerifierKey), [enoch]);

        Assert.That(check.Failure, Is.EqualTo(NoteFailure.BadKnownSignature));
        Assert.That(check.Detail, Does.Contain("EnochRoot+af0cfe78"));
    }

    [Test]
    public void VerifyIssuer_MalformedText_IsMalformed()
    {
        var check = NoteVerification.VerifyIssuer(PeterText, Verifier(PeterVerifierKey));

        Assert.That(check.Failure, Is.EqualTo(NoteFailure.Malformed));
        Assert.That(check.Detail, Does.Contain("blank line"));
    }

    [Test]
    public void VerifyIssuer_CosignatureKeyOfSameName_DoesNotCountAsIssuer()
    {
        var secret = PrivateKey.Generate(SignatureAlgorithm.Ed25519);
        var log = NoteSigner.Create(LogOrigin, secret);
        var asWitness = NoteSigner.Create(LogOrigin, secret, NoteKeyKind.Cosignature);
        var signed = SignedNote.Sign(CheckpointBody, log);

        var check = NoteVerification.VerifyIssuer(signed, asWitness.Verifier);

        Assert.That(log.KeyId, Is.Not.EqualTo(asWitness.KeyId));
        Assert.That(check.Failure, Is.EqualTo(NoteFailure.MissingIssuerSignature));
    }
}
