using System.Text;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Fuzz;

/// <summary>The seed corpus of the note fuzz tests, built from fixed keys so it is the same on
/// every run: checkpoints signed in both suites, with extensions and witness cosignatures, the
/// verifier keys, and a few hand-made edge cases.</summary>
internal static class NoteCorpus
{
    private static readonly DateTimeOffset CosignedAt = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public static readonly string[] VerifierKeys = [.. Signers().Select(s => s.Verifier.VerifierKey)];

    public static readonly string[] Bodies =
    [
        new Checkpoint("regional.example/bj", 0, new byte[Suite.HashSize]).ToBody(),
        new Checkpoint("regional.example/tj", 1234567, Enumerable.Range(0, Suite.HashSize).Select(i => (byte)i).ToArray()).ToBody(),
        new Checkpoint("regional.example/he", ulong.MaxValue, Enumerable.Repeat((byte)0xFF, Suite.HashSize).ToArray(), ["ext one", "中文 extension"]).ToBody(),
    ];

    public static readonly string[] Notes = [.. BuildNotes()];

    public static readonly string[] HandMade =
    [
        "", "\n", "\n\n", "a\n\n— a AAAA\n", "origin\n1\nAAAA\n\n— k +AAAAAA==\n",
        "regional.example/bj\n01\n" + Convert.ToBase64String(new byte[32]) + "\n\n— regional.example/bj AAAAAAAA\n",
    ];

    public static byte[][] AllBytes => [.. Notes.Concat(Bodies).Concat(VerifierKeys).Concat(HandMade).Select(Encoding.UTF8.GetBytes)];

    private static IEnumerable<string> BuildNotes()
    {
        var signers = Signers().ToArray();
        foreach (var body in Bodies)
        {
            var checkpoint = Checkpoint.ParseBody(body).Value!;
            foreach (var (signer, witness) in signers.Where(s => s.Verifier.Kind == NoteKeyKind.Signature).Zip(signers.Where(s => s.Verifier.Kind == NoteKeyKind.Cosignature)))
            {
                var note = SignedNote.Sign(body, signer);
                yield return note.ToString();
                yield return note.WithSignature(Cosigner.Cosign(witness, checkpoint, CosignedAt)).ToString();
            }
        }
    }

    private static IEnumerable<NoteSigner> Signers()
    {
        foreach (var algorithm in new[] { SignatureAlgorithm.Sm2, SignatureAlgorithm.Ed25519 })
        {
            var secret = Enumerable.Range(1, 32).Select(i => (byte)(i * (int)algorithm + 7)).ToArray();
            yield return NoteSigner.Create($"regional.example/{algorithm}", PrivateKey.FromSecret(algorithm, secret));
            yield return NoteSigner.Create($"witness.example/{algorithm}", PrivateKey.FromSecret(algorithm, secret.Reverse().ToArray()), NoteKeyKind.Cosignature);
        }
    }
}
