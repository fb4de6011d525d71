using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using static Regional.LicenseVerifier.Tests.Notes.NoteVectors;

namespace Regional.LicenseVerifier.Tests.Notes;

public class SignedNoteTests
{
    [Test]
    public void Sign_GoExampleKey_ReproducesThePublishedNoteExactly()
    {
        var signer = Signer(PeterSignerKey);

        var note = SignedNote.Sign(PeterText, signer);

        Assert.That(note.ToString(), Is.EqualTo(PeterNote));
    }

    [Test]
    public void Sign_FixedEd25519Seed_ReproducesTheIndependentVector()
    {
        var signer = NoteSigner.Create(LogOrigin, PrivateKey.FromSecret(SignatureAlgorithm.Ed25519, Ed25519Seed));

        var note = SignedNote.Sign(CheckpointBody, signer);

        Assert.That(note.Signatures.Single().ToLine(), Is.EqualTo(Ed25519LogSignature));
    }

    [TestCase(SignatureAlgorithm.Sm2)]
    [TestCase(SignatureAlgorithm.Ed25519)]
    public void Sign_ThenParseAndVerify_RoundTrips(SignatureAlgorithm algorithm)
    {
        var log = NewSigner(algorithm, LogOrigin);
        var other = NewSigner(algorithm, "mirror.example/tj");

        var text = SignedNote.Sign(CheckpointBody, log, other).ToString();
        var parsed = SignedNote.Parse(text);

        Assert.That(parsed.IsSuccess, Is.True, parsed.Error);
        Assert.That(parsed.Value!.ToString(), Is.EqualTo(text));
        Assert.That(parsed.Value.Signatures.Select(s => s.KeyName), Is.EqualTo(new[] { LogOrigin, "mirror.example/tj" }));
        Assert.That(NoteVerification.VerifyIssuer(parsed.Value, log.Verifier).IsValid, Is.True);
        Assert.That(NoteVerification.VerifyIssuer(parsed.Value, other.Verifier).IsValid, Is.True);
    }

    [Test]
    public void WithSignature_SameNameAndKeyId_ReplacesTheOldSignature()
    {
        var note = SignedNote.Parse(PeterNote).Value!;
        var bogus = new NoteSignature("PeterNeumann", 0xc74f20a3, new byte[] { 1, 2, 3 });
        var enoch = SignedNote.Parse(PeterText + "\n" + EnochSignature).Value!.Signatures[0];

        var replaced = note.WithSignature(bogus).WithSignature(enoch);

        Assert.That(replaced.Signatures, Is.EqualTo(new[] { bogus, enoch }));
        Assert.That(note.ToString(), Is.EqualTo(PeterNote), "the original value is unchanged");
    }

    [TestCase("no final newline")]
    [TestCase("tab\tcharacter\n")]
    public void Sign_BadText_Throws(string text)
    {
        var signer = Signer(PeterSignerKey);

        Assert.That(() => SignedNote.Sign(text, signer), Throws.ArgumentException);
    }

    [Test]
    public void Sign_CosignatureKey_Throws()
    {
        var witness = Signer(Ed25519WitnessSignerKey);

        Assert.That(() => SignedNote.Sign(CheckpointBody, witness), Throws.InvalidOperationException);
    }

    [Test]
    public void ToLine_KnownSignature_IsEmDashNameBase64OfIdAndSignature()
    {
        var signature = new NoteSignature("log.example", 0x01020304, new byte[] { 0xFF });

        Assert.That(signature.ToLine(), Is.EqualTo("\u2014 log.example AQIDBP8=\n"));
    }
}
