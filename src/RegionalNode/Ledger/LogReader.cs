using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Merkle;
using Regional.Node.Errors;
using Regional.Node.Storage;
using Regional.V1;

namespace Regional.Node.Ledger;

/// <summary>
/// Read side of the own log: checkpoints, blocks, proofs and proof bundles. Every read is
/// against a snapshot of the log's state, so the answer is consistent with one checkpoint;
/// data at or below a sealed size never changes.
/// </summary>
internal sealed class LogReader(Database database, OwnLog log)
{
    public OwnLog Log => log;

    public SqliteConnection Open() => database.Open();

    /// <summary>The wire checkpoint of a state's head; null before the first block.</summary>
    public V1.Checkpoint? Checkpoint(LogState state) => state.Head.Checkpoint is null ? null : new V1.Checkpoint
    {
        Origin = log.Origin,
        TreeSize = state.Head.TreeSize,
        RootHash = ByteString.CopyFrom(state.Head.RootHash),
        Note = state.Head.Checkpoint,
        SealedAt = Timestamp.FromDateTimeOffset(state.Head.SealedAt!.Value),
    };

    public byte[][] InclusionProof(SqliteConnection connection, ulong leafIndex, ulong treeSize) =>
        ProofBuilder.Inclusion(log.Suite, new SqliteTreeNodes(connection, log.LogId), leafIndex, treeSize);

    public byte[][] ConsistencyProof(SqliteConnection connection, ulong first, ulong second) =>
        ProofBuilder.Consistency(log.Suite, new SqliteTreeNodes(connection, log.LogId), first, second);

    /// <summary>A proof bundle for a licence: its document entry and its status entries, each
    /// with an inclusion proof against the state's checkpoint.</summary>
    public ProofBundle Bundle(SqliteConnection connection, LogState state, ulong documentLeaf, IEnumerable<ulong> statusLeaves)
    {
        var size = state.Head.TreeSize;
        var bundle = new ProofBundle
        {
            Origin = log.Origin,
            Entry = ByteString.CopyFrom(RequireEntry(connection, documentLeaf)),
            LeafIndex = documentLeaf,
            TreeSize = size,
            Checkpoint = state.Head.Checkpoint ?? "",
            Suite = log.Suite.Id,
        };
        bundle.InclusionPath.AddRange(InclusionProof(connection, documentLeaf, size).Select(ByteString.CopyFrom));
        foreach (var leaf in statusLeaves)
        {
            var item = new EntryInclusion { Entry = ByteString.CopyFrom(RequireEntry(connection, leaf)), LeafIndex = leaf };
            item.InclusionPath.AddRange(InclusionProof(connection, leaf, size).Select(ByteString.CopyFrom));
            bundle.StatusEntries.Add(item);
        }
        return bundle;
    }

    public byte[] RequireEntry(SqliteConnection connection, ulong leafIndex) =>
        LogStore.GetEntry(connection, log.LogId, leafIndex)
        ?? throw NodeException.NotFound("NOT_FOUND", $"leaf_index: no entry {leafIndex} in log {log.Origin}");

    /// <summary>A stored block in wire form.</summary>
    public static Block ToBlock(SqliteConnection connection, long logId, StoredBlock stored)
    {
        var block = new Block { Header = ByteString.CopyFrom(stored.Header) };
        block.Entries.AddRange(LogStore.GetEntries(connection, logId, stored.FirstLeaf, stored.LeafCount).Select(ByteString.CopyFrom));
        return block;
    }
}
