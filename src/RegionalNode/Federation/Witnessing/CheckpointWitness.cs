using Regional.LicenseVerifier.Ledger;
using System.Globalization;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Errors;
using Regional.Node.Federation.Equivocation;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Storage;
using Regional.Node.Storage.Federation;
using Regional.Node.Telemetry;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;
using Regional.Node.Ledger;

namespace Regional.Node.Federation.Witnessing;

/// <summary>
/// The witness of the other regions' logs (C2SP tlog-witness add-checkpoint): checks a region's new
/// checkpoint against the one it last cosigned for that origin and against its mirror of the log,
/// stores it, then cosigns it. A checkpoint that contradicts either is equivocation: both notes are
/// kept, the mirror is halted and the region's checkpoints are refused from then on.
/// </summary>
/// <remarks>Thread-safe: checking old_size, storing the new state and cosigning run under one lock
/// and one transaction, so two concurrent submissions can never roll the witness back.</remarks>
internal sealed partial class CheckpointWitness(
    FederationContext federation, MirrorSet mirrors, IDatabase database, TimeProvider clock,
    EquivocationResponder equivocation, ILogger<CheckpointWitness> logger)
{
    /// <summary>The most consistency proof hashes a request may carry (tlog-witness).</summary>
    public const int MaxProofHashes = 63;

    public const string WitnessSizeKey = "witness_size";

    private readonly Lock _gate = new();

    /// <summary>Witnesses a checkpoint submitted by the node of callerRegion; returns the cosignature line.</summary>
    /// <exception cref="NodeException">Every refusal, with the status tlog-witness maps it to.</exception>
    public string Add(string callerRegion, ulong oldSize, IReadOnlyList<byte[]> proof, string noteText)
    {
        var (note, checkpoint) = Parse(noteText);
        using var activity = NodeTelemetry.Witnessing(federation.Self.Id, callerRegion, "witness", checkpoint.Size);
        var region = federation.Trust.ByOrigin(checkpoint.Origin);
        var mirror = region is null ? null : mirrors.ByRegion(region.Id);
        if (region is null || mirror is null)
        {
            throw NodeException.NotFound("UNKNOWN_ORIGIN", $"checkpoint: origin '{FieldViolations.Quote(checkpoint.Origin)}' is not another region's log in the trust file");
        }
        if (region.Id != callerRegion)
        {
            throw NodeException.PermissionDenied("NOT_CALLERS_LOG",
                $"checkpoint: origin '{checkpoint.Origin}' is region {region.Id}'s log; the node of {callerRegion} may submit only its own");
        }
        CheckIssuer(note, checkpoint.Size, region, mirror);
        if (mirror.Status.IsHalted)
        {
            throw NodeException.FailedPrecondition(EquivocationResponder.HaltedReason, $"region {region.Id}'s log is halted for equivocation: {mirror.Status.Detail}");
        }
        if (proof.Count > MaxProofHashes)
        {
            throw NodeException.InvalidArgument("consistency_proof", $"got {proof.Count} hashes, want at most {MaxProofHashes}");
        }
        Conflict? conflict;
        string? line;
        lock (_gate)
        {
            using var session = database.Open();
            (line, conflict) = session.WriteTransaction(() => Judge(session, mirror, oldSize, proof, checkpoint, noteText));
        }
        if (conflict is not null)
        {
            equivocation.Halt(mirror, conflict);
            throw NodeException.FailedPrecondition("EQUIVOCATION", $"checkpoint: contradicts a checkpoint this witness holds: {conflict.Detail}");
        }
        LogCosigned(checkpoint.Origin, checkpoint.Size);
        return line!;
    }

    /// <summary>Inside the transaction: the cosignature line, or the conflict found (nothing written).</summary>
    private (string? Line, Conflict? Conflict) Judge(IStoreSession session, MirrorLog mirror,
        ulong oldSize, IReadOnlyList<byte[]> proof, Checkpoint checkpoint, string noteText)
    {
        var held = session.Cosignatures.Witnessed(checkpoint.Origin);
        var heldCheckpoint = held is null ? null : new Checkpoint(held.Origin, held.TreeSize, held.RootHash);
        var conflict = (heldCheckpoint is null ? null : ConflictCheck.SameSize(heldCheckpoint, held!.Note, checkpoint, noteText))
            ?? ConflictCheck.AgainstMirror(session, mirror, checkpoint, noteText);
        if (conflict is not null)
        {
            return (null, conflict);
        }
        if (mirror.Status.State == MirrorState.Rejected && checkpoint.Size > mirror.State.Head.TreeSize)
        {
            // The mirror refused a block of this log (a forged status root, a bad entry, ...): vouching for a size
            // beyond what it verified would lend the cosignature to what the mirror found wrong.
            throw NodeException.FailedPrecondition("MIRROR_REJECTED_BLOCK",
                $"checkpoint: this witness's mirror of {mirror.Region} refused a block ({mirror.Status.Detail}); it cosigns nothing beyond size {mirror.State.Head.TreeSize}, the last it verified, until its mirror follows again");
        }
        var heldSize = held?.TreeSize ?? 0;
        if (oldSize > checkpoint.Size)
        {
            throw NodeException.InvalidArgument("old_size", $"got {oldSize}, want at most the checkpoint's size {checkpoint.Size}");
        }
        if (oldSize != heldSize)
        {
            throw NodeException.FailedPrecondition("WITNESS_SIZE_MISMATCH",
                $"old_size: got {oldSize}, this witness last cosigned {checkpoint.Origin} at size {heldSize}",
                new Dictionary<string, string> { [WitnessSizeKey] = heldSize.ToString(CultureInfo.InvariantCulture) });
        }
        var heldRoot = held?.RootHash ?? mirror.Suite.EmptyRoot.ToArray();
        var check = MerkleTree.VerifyConsistency(mirror.Suite, heldSize, checkpoint.Size, heldRoot, checkpoint.RootHash.Span, proof);
        if (!check.IsValid)
        {
            // Signed by the issuer, yet not shown to extend what it signed before: suspicious, logged with
            // the note for an operator; not proof of two histories (a proof can be wrong), so no halt.
            LogBadProof(checkpoint.Origin, heldSize, checkpoint.Size, check.ToString(), noteText);
            throw NodeException.InvalidArgument("consistency_proof", $"does not prove size {checkpoint.Size} extends the cosigned size {heldSize}: {check}");
        }
        var now = clock.GetUtcNow();
        var cosignature = Cosigner.Cosign(federation.Witness, checkpoint, now);
        var line = cosignature.ToLine();
        session.Cosignatures.SaveWitnessed(new WitnessedCheckpoint(checkpoint.Origin, checkpoint.Size, checkpoint.RootHash.ToArray(), noteText, now));
        session.Cosignatures.Add(mirror.LogId, checkpoint.Size, federation.Witness.Name, line, now);
        return (line, null);
    }

    private static (SignedNote Note, Checkpoint Checkpoint) Parse(string noteText)
    {
        var note = SignedNote.Parse(noteText);
        var body = note.IsSuccess ? Checkpoint.ParseBody(note.Value!.Text) : default;
        if (!note.IsSuccess || !body.IsSuccess)
        {
            throw NodeException.InvalidArgument("checkpoint", $"want a signed checkpoint note: {note.Error ?? body.Error}");
        }
        return (note.Value!, body.Value!);
    }

    /// <summary>Checks the issuer's signature with the keys of the trust file and those the mirror
    /// learned from the log's key rotations: NOT_FOUND when no known key signed (a key this witness
    /// has not seen rotated to yet, until its mirror follows the rotation block); PERMISSION_DENIED
    /// when a known key's signature fails, or a retired key signed beyond its rotation.</summary>
    private void CheckIssuer(SignedNote note, ulong size, RegionTrust region, MirrorLog mirror)
    {
        var log = mirror.State.Keys.Apply(federation.Trust.Policy.FindByOrigin(region.Origin)!);
        var check = log.CheckIssuer(note, size);
        if (check.IsValid)
        {
            return;
        }
        throw check.Failure switch
        {
            NoteFailure.MissingIssuerSignature => NodeException.NotFound("UNKNOWN_KEY",
                $"checkpoint: no signature by a known log key of region {region.Id}; if {region.Id} rotated its key, this witness has not yet seen the rotation (its mirror is at size {mirror.State.Head.TreeSize}): retry later"),
            NoteFailure.RetiredIssuerKey => NodeException.PermissionDenied("RETIRED_KEY", $"checkpoint: {check.Detail}"),
            _ => NodeException.PermissionDenied("BAD_SIGNATURE", $"checkpoint: {check.Detail}"),
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Witnessed {Origin} at size {TreeSize}")]
    private partial void LogCosigned(string origin, ulong treeSize);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Origin} at size {TreeSize}: signed by the issuer but its consistency proof from the cosigned size {HeldSize} fails ({Check}); the note:\n{Note}")]
    private partial void LogBadProof(string origin, ulong heldSize, ulong treeSize, string check, string note);
}
