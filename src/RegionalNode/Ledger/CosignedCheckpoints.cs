using Regional.LicenseVerifier.Notes;
using Regional.Node.Storage;

namespace Regional.Node.Ledger;

/// <summary>A log's signed checkpoint with the witness cosignatures this node holds for it.</summary>
/// <param name="TreeSize">The checkpoint's tree size (a block boundary).</param>
/// <param name="Note">The signed note: the issuer's signature, then the cosignature lines.</param>
/// <param name="Cosignatures">How many cosignatures that count the note carries.</param>
/// <param name="SealedAt">When the issuer sealed the block of this size.</param>
/// <param name="QuorumMet">Whether <paramref name="Cosignatures"/> meets the trust file's quorum.</param>
internal sealed record CosignedCheckpoint(ulong TreeSize, string Note, int Cosignatures, DateTimeOffset SealedAt, bool QuorumMet);

/// <summary>
/// Puts checkpoints and their stored cosignatures together: the latest one (GetCheckpoint), and
/// the one a proof bundle should be built against: the latest size that has the quorum and holds
/// every entry the bundle proves, else the newest checkpoint with whatever cosignatures it has.
/// </summary>
internal sealed class CosignedCheckpoints(int quorum)
{
    /// <summary>Cosignatures the trust file wants per checkpoint (0 when the node runs alone).</summary>
    public int Quorum => quorum;

    /// <summary>The state's head checkpoint with its cosignatures; null before the first block.</summary>
    public CosignedCheckpoint? Head(IStoreSession session, LogHandle log, LogState state)
    {
        var head = state.Head;
        if (head.Checkpoint is null)
        {
            return null;
        }
        var (note, count) = Attach(session, log.LogId, head.TreeSize, head.Checkpoint);
        return new CosignedCheckpoint(head.TreeSize, note, count, head.SealedAt!.Value, count >= quorum);
    }

    /// <summary>The checkpoint to prove entries [0, needSize) against: the latest quorum-cosigned
    /// size from needSize to the state's size, else the state's head.</summary>
    public CosignedCheckpoint? ForProof(IStoreSession session, LogHandle log, LogState state, ulong needSize)
    {
        if (quorum > 0 && session.Cosignatures.LatestWithQuorum(log.LogId, needSize, state.Head.TreeSize, quorum) is { } size
            && session.Log.GetBlockBySize(log.LogId, size) is { } block)
        {
            var (note, count) = Attach(session, log.LogId, size, block.Checkpoint);
            if (count >= quorum)
            {
                return new CosignedCheckpoint(size, note, count, block.SealedAt, true);
            }
        }
        return Head(session, log, state);
    }

    /// <summary>The note with the stored cosignature lines for its size appended; the note as it
    /// was when they would not make a well-formed note (a line repeated by the issuer's note).</summary>
    public static (string Note, int Cosignatures) Attach(IStoreSession session, long logId, ulong treeSize, string note)
    {
        var lines = session.Cosignatures.Lines(logId, treeSize);
        if (lines.Count == 0)
        {
            return (note, 0);
        }
        var cosigned = note + string.Concat(lines);
        return SignedNote.Parse(cosigned).IsSuccess ? (cosigned, lines.Count) : (note, 0);
    }
}
