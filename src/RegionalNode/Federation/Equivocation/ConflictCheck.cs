using Regional.LicenseVerifier.Merkle;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Storage;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;
using Regional.Node.Ledger;

namespace Regional.Node.Federation.Equivocation;

/// <summary>Two signed checkpoints of one log that cannot both be true, and why.</summary>
/// <param name="EvidenceA">The signed note this node held first.</param>
/// <param name="EvidenceB">The signed note that contradicts it.</param>
/// <param name="Detail">What contradicts what, in plain words.</param>
internal sealed record Conflict(string EvidenceA, string EvidenceB, string Detail);

/// <summary>
/// Checks a checkpoint (already checked to carry the issuer's signature) against the mirror of its
/// log: the mirror holds every entry up to its size, each block's checkpoint signed by the issuer,
/// so the root of any smaller size is known. A different root at a size the mirror holds is proof
/// that the issuer signed two histories.
/// </summary>
internal static class ConflictCheck
{
    /// <summary>The conflict between the checkpoint and the mirror, or null when the mirror agrees
    /// or does not reach its size.</summary>
    public static Conflict? AgainstMirror(IStoreSession session, MirrorLog mirror, Checkpoint checkpoint, string note)
    {
        var state = mirror.State;
        if (checkpoint.Size == 0 || checkpoint.Size > state.Head.TreeSize || state.Head.Checkpoint is null)
        {
            return null;
        }
        var root = checkpoint.Size == state.Head.TreeSize
            ? state.Head.RootHash
            : ProofBuilder.Root(mirror.Suite, session.Log.TreeNodes(mirror.LogId), checkpoint.Size);
        if (root.AsSpan().SequenceEqual(checkpoint.RootHash.Span))
        {
            return null;
        }
        // The mirror's own checkpoint at that size if a block ends there, else its head, whose tree has that prefix.
        var held = session.Log.GetBlockBySize(mirror.LogId, checkpoint.Size)?.Checkpoint ?? state.Head.Checkpoint;
        return new Conflict(held, note,
            $"{checkpoint.Origin} signed size {checkpoint.Size} with root {Hex(checkpoint.RootHash.Span)}, but its blocks mirrored here up to size {state.Head.TreeSize} give root {Hex(root)} at that size");
    }

    /// <summary>The conflict between two checkpoints of the same size, or null when their roots agree.</summary>
    public static Conflict? SameSize(Checkpoint held, string heldNote, Checkpoint other, string otherNote)
    {
        if (held.Size != other.Size || held.RootHash.Span.SequenceEqual(other.RootHash.Span))
        {
            return null;
        }
        return new Conflict(heldNote, otherNote,
            $"{held.Origin} signed two different roots for size {held.Size}: {Hex(held.RootHash.Span)} and {Hex(other.RootHash.Span)}");
    }

    private static string Hex(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);
}
