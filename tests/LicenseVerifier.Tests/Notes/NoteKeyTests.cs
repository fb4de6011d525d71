using System.Security.Cryptography;
using System.Text;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using static Regional.LicenseVerifier.Tests.Notes.NoteVectors;

namespace Regional.LicenseVerifier.Tests.Notes;

public class NoteKeyTests
{
    [TestCase(PeterVerifierKey, "PeterNeumann", 0xc74f20a3u, SignatureAlgorithm.Ed25519, NoteKeyKind.Signature)]
    [TestCase(EnochVerifierKey, "EnochRoot", 0xaf0cfe78u, SignatureAlgorithm.Ed25519, NoteKeyKind.Signature)]
    [TestCase(SpecVerifierKey, "example.com/foo", 0x530d903au, SignatureAlgorithm.Ed25519, NoteKeyKind.Signature)]
    [TestCase(Ed25519WitnessVerifierKey, WitnessName, 0x0c26b9e7u, SignatureAlgorithm.Ed25519, NoteKeyKind.Cosignature)]
    [TestCase(Sm2LogVerifierKey, LogOrigin, 0x28644c30u, SignatureAlgorithm.Sm2, NoteKeyKind.Signature)]
    [TestCase(Sm2CosignatureVerifierKey, LogOrigin, 0xbe5be5f7u, SignatureAlgorithm.Sm2, NoteKeyKind.Cosignature)]
    public void VerifierTryParse_KnownKey_GivesNameIdAndType(string text, string name, uint keyId, SignatureAlgorithm algorithm, NoteKeyKind kind)
    {
        var parsed = NoteVerifier.TryParse(text, out var verifier, out var error);

        Assert.That(parsed, Is.True, error);
        Assert.That((verifier!.Name, verifier.KeyId, verifier.PublicKey.Algorithm, verifier.Kind), Is.EqualTo((name, keyId, algorithm, kind)));
        Assert.That(verifier.VerifierKey, Is.EqualTo(text));
    }

    [TestCase(PeterSignerKey, PeterVerifierKey)]
    [TestCase(Ed25519WitnessSignerKey, Ed25519WitnessVerifierKey)]
    [TestCase(Sm2LogSignerKey, Sm2LogVerifierKey)]
    [TestCase(Sm2CosignatureSignerKey, Sm2CosignatureVerifierKey)]
    public void SignerTryParse_KnownKey_RoundTripsAndMatchesVerifierKey(string signerKey, string verifierKey)
    {
        var parsed = NoteSigner.TryParse(signerKey, out var signer, out var error);

        Assert.That(parsed, Is.True, error);
        Assert.That(signer!.ToSignerKey(), Is.EqualTo(signerKey));
        Assert.That(signer.Verifier.VerifierKey, Is.EqualTo(verifierKey));
    }

    [Test]
    public void Create_FixedSeeds_GiveTheIndependentlyComputedKeys()
    {
        var ed = PrivateKey.FromSecret(SignatureAlgorithm.Ed25519, Ed25519Seed);
        var sm2 = PrivateKey.FromSecret(SignatureAlgorithm.Sm2, Sm2Secret);

        Assert.That(NoteSigner.Create(WitnessName, ed, NoteKeyKind.Cosignature).ToSignerKey(), Is.EqualTo(Ed25519WitnessSignerKey));
        Assert.That(NoteVerifier.Create(LogOrigin, ed.PublicKey).VerifierKey, Is.EqualTo(Ed25519LogVerifierKey));
        Assert.That(NoteVerifier.Create(LogOrigin, sm2.PublicKey).VerifierKey, Is.EqualTo(Sm2LogVerifierKey));
        Assert.That(NoteSigner.Create(LogOrigin, sm2, NoteKeyKind.Cosignature).ToSignerKey(), Is.EqualTo(Sm2CosignatureSignerKey));
    }

    [TestCase(SignatureAlgorithm.Sm2, NoteKeyKind.Signature, new byte[] { 0xFF }, "regional/sm2")]
    [TestCase(SignatureAlgorithm.Sm2, NoteKeyKind.Cosignature, new byte[] { 0xFF }, "regional/sm2-cosignature/v1")]
    [TestCase(SignatureAlgorithm.Ed25519, NoteKeyKind.Signature, new byte[] { 0x01 }, "")]
    [TestCase(SignatureAlgorithm.Ed25519, NoteKeyKind.Cosignature, new byte[] { 0x04 }, "")]
    public void KeyId_AnyKey_IsSha256OfNameNewlineTypeAndKey(SignatureAlgorithm algorithm, NoteKeyKind kind, byte[] first, string identifier)
    {
        var key = PrivateKey.Generate(algorithm).PublicKey;
        byte[] typeAndKey = [.. first, .. Encoding.ASCII.GetBytes(identifier), .. key.Bytes];
        var hash = SHA256.HashData([.. Encoding.UTF8.GetBytes("log.example/x"), 0x0A, .. typeAndKey]);

        var verifier = NoteVerifier.Create("log.example/x", key, kind);

        Assert.That(verifier.KeyId, Is.EqualTo((uint)((hash[0] << 24) | (hash[1] << 16) | (hash[2] << 8) | hash[3])));
        Assert.That(verifier.VerifierKey, Does.EndWith("+" + Convert.ToBase64String(typeAndKey)));
    }

    [TestCase("", "want name+keyid+base64")]
    [TestCase("PeterNeumann+c74f20a3", "want name+keyid+base64")]
    [TestCase("PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "8 lowercase hex")]
    [TestCase("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "does not match")]
    [TestCase("PeterNeuman+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "does not match")]
    [TestCase("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "space")]
    [TestCase("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==", "base64")]
    [TestCase("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWAA==", "wrong key length")]
    [TestCase("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "unknown signature type")]
    [TestCase("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", "base64")]
    [TestCase("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW ", "base64")]
    public void VerifierTryParse_MangledKey_FailsWithReason(string text, string reason)
    {
        var parsed = NoteVerifier.TryParse(text, out var verifier, out var error);

        Assert.That(parsed, Is.False);
        Assert.That(verifier, Is.Null);
        Assert.That(error, Does.Contain(reason));
    }

    [TestCase(PeterVerifierKey, "does not start with")]
    [TestCase("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "does not match")]
    [TestCase("PRIVATE+KEY+PeterNeumann+c74f20a3+ZIEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "unknown signature type")]
    [TestCase("PRIVATE+KEY+regional.example/bj+28644c30+/3JlZ2lvbmFsL3NtMgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "out of range")]
    public void SignerTryParse_MangledKey_FailsWithReason(string text, string reason)
    {
        var parsed = NoteSigner.TryParse(text, out var signer, out var error);

        Assert.That(parsed, Is.False);
        Assert.That(signer, Is.Null);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void VerifierTryParse_EveryTruncationOfGoKey_Fails()
    {
        for (var start = 0; start < PeterVerifierKey.Length; start++)
        {
            for (var end = start + 1; end <= PeterVerifierKey.Length; end++)
            {
                if (start == 0 && end == PeterVerifierKey.Length)
                {
                    continue;
                }
                Assert.That(NoteVerifier.TryParse(PeterVerifierKey[start..end], out _, out _), Is.False, PeterVerifierKey[start..end]);
            }
        }
    }

    [TestCase("a b")]
    [TestCase("a+b")]
    [TestCase("a\u00A0b")]
    [TestCase("")]
    public void Create_BadName_Throws(string name)
    {
        var key = PrivateKey.Generate(SignatureAlgorithm.Ed25519);

        Assert.That(() => NoteSigner.Create(name, key), Throws.ArgumentException);
    }
}
