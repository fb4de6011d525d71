using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Notes;

/// <summary>Public and fixed vectors shared by the note tests.</summary>
internal static class NoteVectors
{
    // golang.org/x/mod/sumdb/note, note_test.go (TestSign, TestOpen) and package documentation.
    public const string PeterVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    public const string PeterSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    public const string EnochVerifierKey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    public const string PeterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    public const string PeterSignature = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    public const string EnochSignature = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
    public const string PeterNote = PeterText + "\n" + PeterSignature;

    // c2sp.org/signed-note v1.1.0, "Verifier keys" example.
    public const string SpecVerifierKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    public const string SpecNote = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    // Fixed vectors computed independently with Python 'cryptography' (Ed25519) and plain Python
    // SM2 point arithmetic: Ed25519 seed = bytes 0..31, SM2 secret d = bytes 1..32.
    public const string LogOrigin = "regional.example/bj";
    public const string WitnessName = "witness.regional.example/tj";
    public const string CheckpointBody = "regional.example/bj\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n";
    public const string Ed25519LogVerifierKey = "regional.example/bj+7f888430+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    public const string Ed25519LogSignature = "\u2014 regional.example/bj f4iEMDAqNGpAAIJUO2ejCtzPMlNHz4bzgFENT2ECShh2NHYuQLTK9zAfYNtCxYPX/sFiIrR5aR4NqinIgH1Xd0gpqAk=\n";
    public const string Ed25519WitnessVerifierKey = "witness.regional.example/tj+0c26b9e7+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4";
    public const string Ed25519WitnessSignerKey = "PRIVATE+KEY+witness.regional.example/tj+0c26b9e7+BAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f";
    public const long CosignatureTime = 1700000000;
    public const string Ed25519Cosignature = "\u2014 witness.regional.example/tj DCa55wAAAABlU/EAEZ44LVoqFEL0uNx/FCGMkNMwjFmYTVPiKlyIzqKPU5GRkYlowHw4Yjr+IbRz3zKuYgOBM+sa27nQmyU/NDe0Cw==\n";
    public const string Sm2LogVerifierKey = "regional.example/bj+28644c30+/3JlZ2lvbmFsL3NtMgRG0QhvblyThEfwUoDbcHwnmntFnDjxnk2aMK0trfnyivRfwdxbN3c2tX6X5+BWPMyiTJf0QOHRN+WUHYTS60PJ";
    public const string Sm2LogSignerKey = "PRIVATE+KEY+regional.example/bj+28644c30+/3JlZ2lvbmFsL3NtMgECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g";
    public const string Sm2CosignatureVerifierKey = "regional.example/bj+be5be5f7+/3JlZ2lvbmFsL3NtMi1jb3NpZ25hdHVyZS92MQRG0QhvblyThEfwUoDbcHwnmntFnDjxnk2aMK0trfnyivRfwdxbN3c2tX6X5+BWPMyiTJf0QOHRN+WUHYTS60PJ";
    public const string Sm2CosignatureSignerKey = "PRIVATE+KEY+regional.example/bj+be5be5f7+/3JlZ2lvbmFsL3NtMi1jb3NpZ25hdHVyZS92MQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g";

    public static byte[] Ed25519Seed => [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    public static byte[] Sm2Secret => [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static NoteVerifier Verifier(string key) =>
        NoteVerifier.TryParse(key, out var verifier, out var error) ? verifier! : throw new InvalidOperationException(error);

    public static NoteSigner Signer(string key) =>
        NoteSigner.TryParse(key, out var signer, out var error) ? signer! : throw new InvalidOperationException(error);

    public static NoteSigner NewSigner(SignatureAlgorithm algorithm, string name, NoteKeyKind kind = NoteKeyKind.Signature) =>
        NoteSigner.Create(name, PrivateKey.Generate(algorithm), kind);

    public static Checkpoint NewCheckpoint(ulong size = 42, byte fill = 0xAB) =>
        new(LogOrigin, size, Enumerable.Repeat(fill, 32).ToArray());
}
