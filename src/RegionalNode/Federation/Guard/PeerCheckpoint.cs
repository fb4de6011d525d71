using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;

namespace Regional.Node.Federation.Guard;

/// <summary>A peer's checkpoint of this region's own log, checked: signed by a key of the log (from the
/// trust file), with the witness cosignatures that verify counted.</summary>
internal sealed record PeerCheckpoint(string Peer, Checkpoint Checkpoint, string Note, IReadOnlyList<WitnessCosignature> Cosignatures)
{
    /// <summary>Checks a note a peer answered for the log of <paramref name="self"/>; null with a problem when it is
    /// not a checkpoint of that log signed by one of its keys.</summary>
    public static PeerCheckpoint? Check(string peer, string note, RegionTrust self, IReadOnlyList<NoteVerifier> witnessKeys, out string? problem)
    {
        problem = null;
        var parsed = SignedNote.Parse(note);
        var body = parsed.IsSuccess ? Checkpoint.ParseBody(parsed.Value!.Text) : default;
        if (!parsed.IsSuccess || !body.IsSuccess)
        {
            problem = $"{peer} answered a malformed checkpoint: {parsed.Error ?? body.Error}";
            return null;
        }
        if (body.Value!.Origin != self.Origin)
        {
            problem = $"{peer} answered a checkpoint of {body.Value.Origin}, want {self.Origin}";
            return null;
        }
        var signed = parsed.Value!;
        var known = self.LogKeys.Concat(witnessKeys).ToList();
        if (!self.LogKeys.Any(key => NoteVerification.VerifyIssuer(signed, key, [.. known.Where(k => k != key)]).IsValid))
        {
            problem = $"{peer} answered a checkpoint of {self.Origin} at size {body.Value.Size} that no key of the log signed";
            return null;
        }
        var cosignatures = NoteVerification.VerifyCosignatures(signed, witnessKeys).Verified;
        return new PeerCheckpoint(peer, body.Value, note, cosignatures);
    }
}
