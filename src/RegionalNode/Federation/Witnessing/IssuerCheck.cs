using Grpc.Core;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Federation.Equivocation;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Storage;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;
using Regional.Node.Ledger;

namespace Regional.Node.Federation.Witnessing;

/// <summary>
/// One check of a mirror against its issuer's newest checkpoint: the issuer's signature; the same
/// root at the same size (else equivocation); a smaller size that the mirror's tree agrees with
/// (else equivocation); a larger size with a consistency proof from the mirror's size that
/// verifies. It also learns the cosignatures the issuer collected from the other witnesses, and
/// updates the mirror's latest seen size (its lag).
/// </summary>
internal sealed partial class IssuerCheck(
    FederationContext federation, IPeerChannels channels, IDatabase database, TimeProvider clock,
    EquivocationResponder equivocation, ILogger<IssuerCheck> logger)
{
    /// <summary>The deadline of each call to the issuer.</summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromMilliseconds(300);

    /// <exception cref="RpcException">The issuer could not be reached in time.</exception>
    public async Task<IssuerView> RunAsync(MirrorLog mirror, CancellationToken cancellationToken)
    {
        var peer = federation.Trust.Region(mirror.Region)!;
        var log = federation.Trust.Policy.FindByOrigin(mirror.Origin)!;
        var client = new LedgerService.LedgerServiceClient(channels.For(peer));
        var answer = await client.GetCheckpointAsync(new GetCheckpointRequest(), deadline: Deadline(), cancellationToken: cancellationToken);
        var noteText = answer.Checkpoint?.Note ?? "";
        var note = SignedNote.Parse(noteText);
        var body = note.IsSuccess ? Checkpoint.ParseBody(note.Value!.Text) : default;
        if (!note.IsSuccess || !body.IsSuccess || body.Value!.Origin != mirror.Origin)
        {
            return Problem($"the issuer's checkpoint is malformed: {note.Error ?? body.Error ?? $"origin {body.Value!.Origin}"}");
        }
        var issuer = mirror.State.Keys.Apply(log).CheckIssuer(note.Value!, body.Value!.Size);
        if (!issuer.IsValid)
        {
            // A rotation the mirror has not followed yet shows as MissingIssuerSignature; once the
            // mirror stores the rotation block, its key history trusts the new key and this passes.
            return Problem($"the issuer's checkpoint does not carry a valid signature by its log key: {issuer.Failure}: {issuer.Detail}");
        }
        var checkpoint = body.Value!;
        var state = mirror.State;
        using var session = database.Open();
        var conflict = state.Head.Checkpoint is null ? null
            : checkpoint.Size == state.Head.TreeSize
                ? ConflictCheck.SameSize(new Checkpoint(mirror.Origin, state.Head.TreeSize, state.Head.RootHash), state.Head.Checkpoint, checkpoint, noteText)
                : ConflictCheck.AgainstMirror(session, mirror, checkpoint, noteText);
        if (conflict is not null)
        {
            equivocation.Halt(mirror, conflict);
            return Problem($"equivocation: {conflict.Detail}");
        }
        if (checkpoint.Size > state.Head.TreeSize && state.Head.TreeSize > 0)
        {
            var proof = await client.GetConsistencyProofAsync(new GetConsistencyProofRequest { FirstSize = state.Head.TreeSize, SecondSize = checkpoint.Size },
                deadline: Deadline(), cancellationToken: cancellationToken);
            var check = MerkleTree.VerifyConsistency(mirror.Suite, state.Head.TreeSize, checkpoint.Size, state.Head.RootHash, checkpoint.RootHash.Span,
                [.. proof.Proof.Hashes.Select(h => h.ToByteArray())]);
            if (!check.IsValid)
            {
                LogBadProof(mirror.Region, state.Head.TreeSize, checkpoint.Size, check.ToString(), noteText);
                return Problem($"the issuer's consistency proof from the mirror's size {state.Head.TreeSize} to {checkpoint.Size} fails: {check}");
            }
        }
        if (checkpoint.Size <= state.Head.TreeSize)
        {
            Learn(session, mirror, log, note.Value!, checkpoint); // same root as the mirror's: the cosignatures fit its note
        }
        SeeSize(session, mirror, checkpoint.Size);
        return new IssuerView(clock.GetUtcNow(), checkpoint.Size, null);
    }

    /// <summary>Stores the cosignatures of other regions' witnesses that the issuer's note carries.</summary>
    private void Learn(IStoreSession session, MirrorLog mirror, TrustedLog log, SignedNote note, Checkpoint checkpoint)
    {
        var witnesses = federation.Trust.Policy.WitnessesFor(log);
        foreach (var signature in note.Signatures)
        {
            foreach (var witness in witnesses)
            {
                if (Cosigner.TryVerify(witness, checkpoint, signature, out var time))
                {
                    session.Cosignatures.Add(mirror.LogId, checkpoint.Size, witness.Name, signature.ToLine(), time);
                }
            }
        }
    }

    /// <summary>Raises the mirror's latest seen size, so its lag shows in GetLedgerStatus.</summary>
    private static void SeeSize(IStoreSession session, MirrorLog mirror, ulong size)
    {
        var status = mirror.Status;
        if (size > status.LatestSeenSize && !status.IsHalted)
        {
            var seen = status with { LatestSeenSize = size };
            mirror.SetStatus(seen);
            session.Mirrors.WriteStatus(mirror.LogId, seen);
        }
    }

    private IssuerView Problem(string problem) => new(clock.GetUtcNow(), null, problem);

    private static DateTime Deadline() => DateTime.UtcNow + CallDeadline;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Issuer {Region}: its consistency proof from the mirror's size {MirrorSize} to {TreeSize} fails ({Check}); its note:\n{Note}")]
    private partial void LogBadProof(string region, ulong mirrorSize, ulong treeSize, string check, string note);
}
