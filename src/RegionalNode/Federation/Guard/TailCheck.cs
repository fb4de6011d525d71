using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Ledger;
using Regional.Node.Storage;

namespace Regional.Node.Federation.Guard;

/// <summary>Compares a peer's checked checkpoint of the own log with the local log: the one rule that
/// keeps a node from forking its log is never to seal while a peer holds a signed checkpoint beyond
/// the local head, and never to trust a local log that disagrees with one at or below it.</summary>
internal static class TailCheck
{
    /// <summary>The cosignature keys that count for a region's log: every other region's witness keys.</summary>
    public static IReadOnlyList<NoteVerifier> WitnessKeys(FederationTrust trust, RegionTrust self) =>
        [.. trust.Regions.Where(r => r.Id != self.Id).SelectMany(r => r.WitnessKeys)];

    /// <summary>Null when the local log holds the peer's checkpoint (same root at that size); else why the
    /// node must not seal, and what to do.</summary>
    public static string? Compare(IStoreSession session, LogHandle log, PeerCheckpoint seen, string dataFolder)
    {
        var local = log.State.Head;
        var size = seen.Checkpoint.Size;
        if (size > local.TreeSize)
        {
            return $"peer {seen.Peer} holds a checkpoint of {log.Origin} at tree size {size}, signed with this log's key "
                + $"({seen.Cosignatures.Count} witness cosignatures), but the local log ends at {local.TreeSize}: sealing now would fork "
                + $"the log. Stop the node and run: dotnet Regional.Node.dll recover --data {dataFolder} --from {seen.Peer} --trust <trust file>";
        }
        if (size == 0)
        {
            return null;
        }
        var root = size == local.TreeSize ? local.RootHash : session.Log.GetBlockBySize(log.LogId, size)?.RootHash;
        if (root is null || !root.AsSpan().SequenceEqual(seen.Checkpoint.RootHash.Span))
        {
            return $"peer {seen.Peer} holds a checkpoint of {log.Origin} at tree size {size} that the local log does not "
                + "(another root, or no block of that size): the local database is not this log's history; do not seal on it";
        }
        return null;
    }
}
