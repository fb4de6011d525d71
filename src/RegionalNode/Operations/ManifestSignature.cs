using Regional.LicenseVerifier.Notes;
using Regional.Node.Security;
using Regional.Node.Errors;

using Regional.Node.Storage;

namespace Regional.Node.Operations;

/// <summary>
/// The signature of a backup's manifest: manifest.json is the text of a C2SP signed note
/// (c2sp.org/signed-note), signed by the region's current log signing key, and manifest.sig holds the
/// note's signature lines. <c>cat manifest.json; echo; cat manifest.sig</c> is the whole note, which
/// any signed-note verifier checks against the log's verifier key from the trust file.
/// </summary>
/// <remarks>The manifest lists every file with its SHA-256 and names the keys a restore needs, so
/// one signature covers the whole backup: a changed byte of any file, a swapped file, an edited
/// manifest or a signature by any other key is refused before restore writes anything.</remarks>
internal static class ManifestSignature
{
    public const string FileName = DataFolder.ManifestSignatureFile;

    /// <summary>The key that signs the log now, as the log says (its last key rotation, found beside the
    /// first key by key ID, as the node finds it), loaded from its file and checked against the log.</summary>
    public static (NoteSigner? Signer, string? Problem) CurrentSigner(string signingKeyPath, BackedUpLog log)
    {
        var path = log.Keys.Current is { } rotated ? SigningKeyStore.RotatedKeyPath(signingKeyPath, rotated) : signingKeyPath;
        if (!File.Exists(path))
        {
            return (null, $"--signing-key: no file at {path}; the manifest is signed with the log's current signing key: "
                + "give the node's Node:SigningKeyPath when it is not <data>/keys/signing.key");
        }
        try
        {
            var signer = NoteSigner.Create(log.Origin, BackupKeys.ReadNoteKey(path));
            return log.CurrentKeyProblem(signer.Verifier) is { } problem ? (null, $"{path}: {problem}") : (signer, null);
        }
        catch (NodeStartupException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The signature lines of the note whose text is the manifest.</summary>
    public static string Sign(string manifestText, NoteSigner signer) =>
        SignedNote.Sign(manifestText, signer).ToString()[(manifestText.Length + 1)..];

    /// <summary>Why the signature lines do not show that one of <paramref name="keys"/> signed exactly this
    /// manifest text, or null when one did.</summary>
    public static string? Problem(string manifestText, string? signatureLines, IReadOnlyList<NoteVerifier> keys)
    {
        if (signatureLines is null)
        {
            return $"{FileName}: missing; a backup's manifest must be signed (backup writes {FileName} beside it)";
        }
        var parsed = SignedNote.Parse(manifestText + "\n" + signatureLines);
        if (!parsed.IsSuccess || parsed.Value!.Text != manifestText)
        {
            return $"{FileName}: malformed, want signature lines only: {parsed.Error ?? "it holds more than signature lines"}";
        }
        var checks = keys.Select(k => NoteVerification.VerifyIssuer(parsed.Value, k)).ToList();
        if (checks.Any(c => c.IsValid))
        {
            return null;
        }
        if (checks.FirstOrDefault(c => c.Failure == NoteFailure.BadIssuerSignature) is { } bad)
        {
            return $"{FileName}: {bad.Detail}: the manifest was changed after it was signed";
        }
        var signers = string.Join(", ", parsed.Value.Signatures.Select(s => $"{s.KeyName}+{s.KeyId:x8}"));
        return $"{FileName}: signed by {signers}, want {string.Join(" or ", keys.Select(k => k.VerifierKey))}";
    }
}
