using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.StatusMap;
using Regional.Node.Errors;
using Regional.Node.Storage;
using Regional.Node.Storage.Ledger;
using Regional.V1;

namespace Regional.Node.Ledger;

/// <summary>
/// Read side of every log the node holds (its own and its mirrors): checkpoints, blocks, proofs
/// and proof bundles. Every read is against a snapshot of one log's state, so the answer is
/// consistent with one checkpoint; data at or below a stored size never changes.
/// </summary>
internal sealed class LogReader(IDatabase database, OwnLog log, MirrorSet mirrors)
{
    public OwnLog Log => log;

    public MirrorSet Mirrors => mirrors;

    /// <summary>A session to read with; dispose it when the answer is built.</summary>
    public IStoreSession Open() => database.Open();

    /// <summary>The log with an origin: empty or the own origin for the own log, else a mirror.</summary>
    /// <exception cref="NodeException">NOT_FOUND: the node holds no such log.</exception>
    public LogHandle Resolve(string origin) =>
        origin.Length == 0 || origin == log.Origin ? log
        : (LogHandle?)mirrors.ByOrigin(origin)
            ?? throw NodeException.NotFound("UNKNOWN_LOG", $"origin: got '{FieldViolations.Quote(origin)}', this node holds '{log.Origin}'{string.Concat(mirrors.All.Select(m => $", '{m.Origin}'"))}");

    /// <summary>The log that holds a licence row, by its log id.</summary>
    public LogHandle? ByLogId(long logId) => logId == log.LogId ? log : mirrors.ByLogId(logId);

    /// <summary>The wire checkpoint of a state's head; null before the first block.</summary>
    public static V1.Checkpoint? Checkpoint(LogHandle handle, LogState state) => state.Head.Checkpoint is null ? null : new V1.Checkpoint
    {
        Origin = handle.Origin,
        TreeSize = state.Head.TreeSize,
        RootHash = ByteString.CopyFrom(state.Head.RootHash),
        Note = state.Head.Checkpoint,
        SealedAt = Timestamp.FromDateTimeOffset(state.Head.SealedAt!.Value),
    };

    public static byte[][] InclusionProof(IStoreSession session, LogHandle handle, ulong leafIndex, ulong treeSize) =>
        ProofBuilder.Inclusion(handle.Suite, session.Log.TreeNodes(handle.LogId), leafIndex, treeSize);

    public static byte[][] ConsistencyProof(IStoreSession session, LogHandle handle, ulong first, ulong second) =>
        ProofBuilder.Consistency(handle.Suite, session.Log.TreeNodes(handle.LogId), first, second);

    /// <summary>A proof bundle for a licence against the state's head checkpoint, with the
    /// cosignatures this node holds for it.</summary>
    public static ProofBundle Bundle(IStoreSession session, LogHandle handle, LogState state, ulong documentLeaf, IEnumerable<ulong> statusLeaves)
    {
        var head = state.Head;
        var note = head.Checkpoint is null ? "" : CosignedCheckpoints.Attach(session, handle.LogId, head.TreeSize, head.Checkpoint).Note;
        return Bundle(session, handle, head.TreeSize, note, documentLeaf, statusLeaves);
    }

    /// <summary>A proof bundle for a licence: its document entry and its status entries, each
    /// with an inclusion proof against one checkpoint (any stored size that holds them all).</summary>
    public static ProofBundle Bundle(IStoreSession session, LogHandle handle, CosignedCheckpoint checkpoint, ulong documentLeaf, IEnumerable<ulong> statusLeaves) =>
        Bundle(session, handle, checkpoint.TreeSize, checkpoint.Note, documentLeaf, statusLeaves);

    private static ProofBundle Bundle(IStoreSession session, LogHandle handle, ulong size, string note, ulong documentLeaf, IEnumerable<ulong> statusLeaves)
    {
        var bundle = new ProofBundle
        {
            Origin = handle.Origin,
            Entry = ByteString.CopyFrom(RequireEntry(session, handle, documentLeaf)),
            LeafIndex = documentLeaf,
            TreeSize = size,
            Checkpoint = note,
            Suite = handle.Suite.Id,
        };
        bundle.InclusionPath.AddRange(InclusionProof(session, handle, documentLeaf, size).Select(ByteString.CopyFrom));
        var licenseId = LedgerEntry.Parser.ParseFrom(bundle.Entry) is { } entry
            ? entry.LicenseIssued?.LicenseId ?? entry.LicenseAmended?.LicenseId ?? "" : "";
        bundle.StatusProof = StatusProof(session, handle, size, licenseId);
        foreach (var leaf in statusLeaves)
        {
            var item = new EntryInclusion { Entry = ByteString.CopyFrom(RequireEntry(session, handle, leaf)), LeafIndex = leaf };
            item.InclusionPath.AddRange(InclusionProof(session, handle, leaf, size).Select(ByteString.CopyFrom));
            bundle.StatusEntries.Add(item);
        }
        return bundle;
    }

    /// <summary>A licence's status proof against a checkpoint of <paramref name="size"/>: the map as of that
    /// size (its entry and path, or a proof of absence) and the block's StatusRoot entry, the checkpoint's last
    /// leaf. O(log n) reads.</summary>
    public static StatusProof StatusProof(IStoreSession session, LogHandle handle, ulong size, string licenseId)
    {
        var (entry, path) = LicenseStatusMap.Prove(handle.Suite, new StoredStatusMap(session.StatusMap, handle.LogId, size), licenseId);
        var root = new EntryInclusion { Entry = ByteString.CopyFrom(RequireEntry(session, handle, size - 1)), LeafIndex = size - 1 };
        root.InclusionPath.AddRange(InclusionProof(session, handle, size - 1, size).Select(ByteString.CopyFrom));
        var proof = new StatusProof { Entry = entry, RootEntry = root };
        proof.MapPath.AddRange(path.Siblings.Select(ByteString.CopyFrom));
        if (path.OtherKey is { } otherKey)
        {
            proof.OtherKey = ByteString.CopyFrom(otherKey);
            proof.OtherValueHash = ByteString.CopyFrom(path.OtherValueHash!);
        }
        return proof;
    }

    public static byte[] RequireEntry(IStoreSession session, LogHandle handle, ulong leafIndex) =>
        session.Log.GetEntry(handle.LogId, leafIndex)
        ?? throw NodeException.NotFound("NOT_FOUND", $"leaf_index: no entry {leafIndex} in log {handle.Origin}");

    /// <summary>A stored block in wire form.</summary>
    public static Block ToBlock(IStoreSession session, long logId, StoredBlock stored)
    {
        var block = new Block { Header = ByteString.CopyFrom(stored.Header) };
        block.Entries.AddRange(session.Log.GetEntries(logId, stored.FirstLeaf, stored.LeafCount).Select(ByteString.CopyFrom));
        return block;
    }
}
