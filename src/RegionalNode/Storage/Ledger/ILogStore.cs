using Regional.LicenseVerifier.Merkle;

namespace Regional.Node.Storage.Ledger;

/// <summary>The latest sealed block of a log: what a new block chains to.</summary>
internal sealed record LogHead(
    long LogId,
    ulong TreeSize,
    ulong? Height,
    byte[] LastBlockHash,
    byte[] RootHash,
    string? Checkpoint,
    DateTimeOffset? SealedAt);

/// <summary>A stored block: header bytes as sealed, and its summary columns.</summary>
internal sealed record StoredBlock(
    ulong Height,
    byte[] Header,
    ulong FirstLeaf,
    ulong LeafCount,
    ulong TreeSize,
    byte[] RootHash,
    DateTimeOffset SealedAt,
    string Checkpoint);

/// <summary>A log the database holds, as registered: its id in this database, origin and region.</summary>
internal sealed record StoredLog(long LogId, string Origin, string Region);

/// <summary>
/// The log tables of every log the node holds (its own and its mirrors), by log id: entries with their
/// leaf hashes, complete-subtree hashes, blocks, and the index of key rotations. Data at or below a stored
/// tree size never changes, so readers need no transaction; the writer's inserts run in its transaction.
/// </summary>
internal interface ILogStore
{
    /// <summary>The id of the log with this origin, registering it on first use.</summary>
    long EnsureLog(string origin, string region, bool isOwn);

    /// <summary>The id of the log with this origin, or null when the database has not registered it.</summary>
    long? FindLog(string origin);

    /// <summary>The own log, or null when the database has none (a mirror node's).</summary>
    StoredLog? FindOwnLog();

    /// <summary>The latest block of a log; before the first block, size 0 with <paramref name="emptyRoot"/>.</summary>
    LogHead GetHead(long logId, byte[] emptyRoot);

    void InsertEntry(long logId, ulong leafIndex, ulong blockHeight, byte[] entry, byte[] leafHash);

    void InsertNode(long logId, NodeId id, byte[] hash);

    void InsertBlock(long logId, StoredBlock block, byte[] blockHash);

    /// <summary>The exact bytes of an entry, or null.</summary>
    byte[]? GetEntry(long logId, ulong leafIndex);

    /// <summary>The block height that holds a leaf, or null.</summary>
    ulong? GetEntryBlock(long logId, ulong leafIndex);

    /// <summary>The first leaf with this leaf hash, or null.</summary>
    ulong? FindLeafByHash(long logId, byte[] leafHash);

    /// <summary>Blocks from a height, in order, at most <paramref name="limit"/> of them.</summary>
    IReadOnlyList<StoredBlock> GetBlocks(long logId, ulong fromHeight, int limit);

    /// <summary>The block whose tree size is exactly <paramref name="treeSize"/>, or null.</summary>
    StoredBlock? GetBlockBySize(long logId, ulong treeSize);

    /// <summary>The entries of leaves [first, first + count), in order.</summary>
    IReadOnlyList<byte[]> GetEntries(long logId, ulong first, ulong count);

    /// <summary>The log's complete-subtree hashes, fetched in one query per batch, so a proof costs
    /// O(log n) row reads and never loads the tree.</summary>
    ITreeNodeSource TreeNodes(long logId);

    /// <summary>Indexes a key rotation (its entry's leaf and the tree size of its block), in the
    /// transaction that stores the block, so start-up reads O(rotations) rows, not the log.</summary>
    void RecordKeyRotation(long logId, ulong leafIndex, ulong lastTreeSize);

    /// <summary>The indexed key rotations of a log, oldest first.</summary>
    IReadOnlyList<(ulong LeafIndex, ulong LastTreeSize)> KeyRotations(long logId);
}
