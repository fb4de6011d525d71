using Regional.LicenseVerifier.Ledger;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Storage.Federation;
using Regional.Node.Storage.Ledger;
using Regional.V1;

namespace Regional.Node.Federation.Mirroring;

/// <summary>Writes verified blocks into a mirror, one transaction per block: entries, tree nodes,
/// the header, the derived licence state and the mirror's status commit together or not at all.</summary>
internal static class MirrorBlockWriter
{
    /// <summary>Stores a block that <see cref="BlockValidator"/> accepted; returns the mirror's new state.</summary>
    public static LogState Store(IStoreSession session, MirrorLog mirror, Block block, BlockCheck check, MirrorStatus status)
    {
        var header = check.Header!;
        var state = mirror.State;
        var logId = mirror.LogId;
        using var write = session.BeginWrite();
        // The validator already computed every leaf and node hash: store them, do not hash again.
        var leafHashes = check.Nodes.Where(n => n.Id.Level == 0).ToDictionary(n => n.Id.Index, n => n.Hash);
        for (var i = 0; i < block.Entries.Count; i++)
        {
            var leaf = header.FirstLeafIndex + (ulong)i;
            session.Log.InsertEntry(logId, leaf, header.Height, block.Entries[i].ToByteArray(), leafHashes[leaf]);
            EntryProjector.Apply(session, logId, leaf, check.Entries[i]);
        }
        foreach (var (id, hash) in check.Nodes)
        {
            session.Log.InsertNode(logId, id, hash);
        }
        session.StatusMap.InsertMapNodes(logId, header.TreeSize, check.StatusMapNodes);
        var range = check.Next!.Range;
        var sealedAt = header.SealedAt?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
        var stored = new StoredBlock(header.Height, block.Header.ToByteArray(), header.FirstLeafIndex, header.LeafCount,
            header.TreeSize, header.RootHash.ToByteArray(), sealedAt, header.Checkpoint);
        var blockHash = check.Next!.LastBlockHash.ToArray();
        session.Log.InsertBlock(logId, stored, blockHash);
        if (check.Rotation is { } rotation)
        {
            KeyHistory.Record(session.Log, logId, rotation); // the mirror follows the issuer's new key after a restart too
        }
        session.Mirrors.WriteStatus(logId, status);
        write.Commit();
        return new LogState(new LogHead(logId, header.TreeSize, header.Height, blockHash, stored.RootHash, stored.Checkpoint, sealedAt), range)
        {
            Keys = state.Keys.After(check.Rotation),
        };
    }
}
