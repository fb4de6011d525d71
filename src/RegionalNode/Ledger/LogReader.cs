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
internal sealed class LogReader(IDatabase database, OwnLog log, MirrorSet mirrors, ProofCache cache)
{
    public OwnLog Log => log;

    public MirrorSet Mirrors => mirrors;

    /// <summary>A warm session to read with (never write through it); dispose it when the answer is built.</summary>
    public IStoreSession Open() => database.OpenRead();

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

    /// <summary>A licence's proof parts against a checkpoint (any stored size that holds its entries): the
    /// document entry, its status entries and its status proof, each with an inclusion proof; from the cache
    /// when the same licence was proved against the same checkpoint before.</summary>
    public ProvenLicense Prove(IStoreSession session, LogHandle handle, CosignedCheckpoint checkpoint, string licenseId, ulong documentLeaf, IReadOnlyList<ulong> statusLeaves) =>
        cache.Licence(handle.LogId, checkpoint.TreeSize, checkpoint.Note, documentLeaf, statusLeaves, () =>
        {
            var bundle = Bundle(session, handle, checkpoint.TreeSize, checkpoint.Note, licenseId, documentLeaf, statusLeaves);
            return new ProvenLicense(LedgerEntry.Parser.ParseFrom(bundle.Entry), bundle, LedgerEntry.Parser.ParseFrom(bundle.StatusProof.RootEntry.Entry).RecordedAt);
        });

    private ProofBundle Bundle(IStoreSession session, LogHandle handle, ulong size, string note, string licenseId, ulong documentLeaf, IEnumerable<ulong> statusLeaves)
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
    /// leaf (shared by every licence, so cached per size). O(log n) reads.</summary>
    public StatusProof StatusProof(IStoreSession session, LogHandle handle, ulong size, string licenseId)
    {
        var map = cache.StatusMap(handle.LogId, size, new StoredStatusMap(session.StatusMap, handle.LogId, size));
        var (entry, path) = LicenseStatusMap.Prove(handle.Suite, map, licenseId);
        var root = cache.StatusRoot(handle.LogId, size, () =>
        {
            var inclusion = new EntryInclusion { Entry = ByteString.CopyFrom(RequireEntry(session, handle, size - 1)), LeafIndex = size - 1 };
            inclusion.InclusionPath.AddRange(InclusionProof(session, handle, size - 1, size).Select(ByteString.CopyFrom));
            return inclusion;
        });
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
