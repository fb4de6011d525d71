using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>
/// The issuer-signature rule of a trusted log with a key history, after c2sp.org/signed-note:
/// signatures by unknown keys are ignored; a trusted key's signature that fails rejects the note;
/// a retired key's valid signature beyond its last tree size rejects it too (the old key must never
/// extend the log after the rotation, even beside a good signature by the new key).
/// </summary>
/// <remarks>Pure and thread-safe. Cost: one signature check per signature line by a trusted key.</remarks>
internal static class IssuerKeyCheck
{
    public static NoteCheck Check(TrustedLog log, SignedNote note, ulong treeSize)
    {
        ArgumentNullException.ThrowIfNull(note);
        var known = log.IssuerKeys.Concat(log.RetiredIssuerKeys.Select(r => r.Key)).DistinctBy(k => k.VerifierKey).ToList();
        var valid = new List<NoteVerifier>();
        foreach (var signature in note.Signatures)
        {
            var key = known.FirstOrDefault(k => k.Name == signature.KeyName && k.KeyId == signature.KeyId);
            if (key is null)
            {
                continue;
            }
            if (!key.Verify(note.Text, signature.Signature.Span, out _))
            {
                return new NoteCheck(NoteFailure.BadIssuerSignature, $"the signature of log key {Describe(key)} does not verify");
            }
            valid.Add(key);
        }
        if (valid.Count == 0)
        {
            return new NoteCheck(NoteFailure.MissingIssuerSignature,
                $"no signature by a trusted key of {log.Origin} (trusted: {string.Join(", ", known.Select(Describe))})");
        }
        foreach (var key in valid)
        {
            var bound = log.RetiredIssuerKeys.Where(r => r.Key.VerifierKey == key.VerifierKey).Select(r => (ulong?)r.LastTreeSize).Max();
            if (bound is { } last && treeSize > last)
            {
                return new NoteCheck(NoteFailure.RetiredIssuerKey,
                    $"signed by a retired key beyond its last size: {Describe(key)} signed {log.Origin} up to size {last}, this checkpoint is size {treeSize}")
                { Signer = key };
            }
        }
        return new NoteCheck(NoteFailure.None, null) { Signer = valid[0] };
    }

    private static string Describe(NoteVerifier key) => $"{key.Name}+{NoteText.FormatKeyId(key.KeyId)}";
}
