using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.StatusMap;
using Regional.Node.Errors;
using Regional.Node.Storage;
using Regional.Node.Storage.Ledger;
using Regional.Node.Telemetry;
using Regional.V1;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;

namespace Regional.Node.Ledger;

/// <summary>The state of a log after a block: its head, its compact range, and its key rotations.</summary>
internal sealed record LogState(LogHead Head, CompactRange Range)
{
    /// <summary>The key rotations recorded so far: the last one's new key signs the next checkpoint.</summary>
    public KeyHistory Keys { get; init; } = KeyHistory.None;
}

/// <summary>A block that could not be committed: when, and the exception's type (never its message, which may
/// name paths or data).</summary>
internal sealed record WriteFailure(DateTimeOffset At, string Cause);

/// <summary>What one sealing pass produced.</summary>
/// <param name="Deferred">Commands of the batch left for the next block because this one reached its
/// byte budget; they have not run.</param>
internal sealed record SealResult(LogState State, StoredBlock? Block, IReadOnlyList<LedgerCommand> Deferred)
{
    public SealResult(LogState state, StoredBlock? block)
        : this(state, block, [])
    {
    }
}

/// <summary>
/// Seals one batch of commands into one block, in one write transaction: each command runs in
/// its own savepoint (a refused command is rolled back alone), then the block header and the
/// signed checkpoint are written and everything commits together or not at all.
/// Publishing (signing the checkpoint) is <see cref="PublishCheckpoint"/>, a separate step.
/// </summary>
/// <param name="fingerprints">Keys the request fingerprints of commands with a request id (see
/// <see cref="RequestFingerprint"/>); the node's writer always has one.</param>
internal sealed class BlockSealer(Suite suite, string region, string origin, NoteSigner signer, int maxBlockBytes = BlockSealer.DefaultMaxBlockBytes,
    RequestFingerprint? fingerprints = null)
{
    /// <summary>The default byte budget of a block's entries (Node:MaxBlockBytes): well under the 4 MiB
    /// a peer accepts in one gRPC message, so every block can be mirrored.</summary>
    public const int DefaultMaxBlockBytes = Configuration.NodeOptions.DefaultMaxBlockBytes;

    private readonly LatestStatusMap _map = new();
    private volatile WriteFailure? _lastFailure;
    private IReadOnlyList<(MapPosition Position, MapNode Node)> _mapChanged = [];

    /// <summary>Why the last block could not be committed (the database cannot be written: a full or read-only
    /// disk, a lost file), or null when the last block committed. Readiness reports it (Hosting/NodeReadiness).</summary>
    public WriteFailure? LastFailure => _lastFailure;

    /// <summary>Runs the batch. Commands are answered only after the commit; on a failed commit
    /// every command of the batch fails and the returned state is the one before.</summary>
    /// <param name="session">The writer's session.</param>
    /// <param name="state">The log before the block.</param>
    /// <param name="batch">The commands to run.</param>
    /// <param name="now">The block's time.</param>
    /// <param name="sealEmpty">Seal a block even when no command adds an entry: a heartbeat that commits the
    /// status map again with a new time, so status proofs stay fresh while nothing happens.</param>
    public SealResult Seal(IStoreSession session, LogState state, IReadOnlyList<LedgerCommand> batch, DateTimeOffset now, bool sealEmpty = false)
    {
        var height = state.Head.Height is { } h ? h + 1 : 0;
        using var activity = NodeTelemetry.Start("seal block", region)?.SetTag(NodeTelemetry.HeightTag, height).SetTag(NodeTelemetry.EntriesTag, batch.Count);
        var context = new SealingContext(session, suite, region, state.Head.LogId, state.Range, height, now, maxBlockBytes) { Fingerprints = fingerprints };
        var accepted = new List<(LedgerCommand Command, ulong? Leaf)>(batch.Count);
        StoredBlock? block = null;
        List<LedgerCommand> deferred = [];
        _mapChanged = [];
        try
        {
            // The writer takes the write lock up front; readers go on. Leaving this block uncommitted
            // (an exception) rolls the whole block back before the catch answers the commands.
            using var write = session.BeginWrite();
            for (var i = 0; i < batch.Count; i++)
            {
                if (context.EntryBytes >= maxBlockBytes)
                {
                    // The block is full by bytes: the rest waits for the next block (at least one command always runs).
                    deferred = batch.Skip(i).ToList();
                    break;
                }
                var outcome = RunInSavepoint(write, context, batch[i], out var leaf);
                if (outcome == CommandOutcome.BlockFull)
                {
                    deferred = batch.Skip(i).ToList();
                    break;
                }
                if (outcome == CommandOutcome.Accepted)
                {
                    accepted.Add((batch[i], leaf));
                }
            }
            if (context.Range.Size > state.Range.Size || sealEmpty)
            {
                CommitStatusMap(session, state, context);
                block = WriteBlock(session, state, context, height, now);
            }
            write.Commit();
            _map.Committed(context.Range.Size, _mapChanged);
            _lastFailure = null;
        }
        catch (Exception ex)
        {
            _map.Forget();
            _lastFailure = new WriteFailure(now, ex.GetType().Name);
            // Nothing of the block is kept (the transaction rolled back as it was disposed): fail every
            // command of the batch (Fail is a no-op for a command that was already refused).
            var unavailable = new NodeException(Grpc.Core.StatusCode.Unavailable, "BLOCK_NOT_SEALED",
                "the ledger could not commit the block; nothing of it was written, retry", metadata: new Dictionary<string, string> { ["cause"] = ex.GetType().Name });
            foreach (var command in batch)
            {
                command.Fail(unavailable);
            }
            return new SealResult(state, null);
        }

        activity?.SetTag(NodeTelemetry.SizeTag, context.Range.Size);
        var newState = block is null ? state : new LogState(
            new LogHead(state.Head.LogId, block.TreeSize, block.Height, suite.Hash(block.Header), block.RootHash, block.Checkpoint, block.SealedAt),
            context.Range) { Keys = state.Keys };
        foreach (var (command, leaf) in accepted)
        {
            command.Complete(leaf is { } index ? ReceiptFor(session, state.Head.LogId, index, block) : null);
        }
        return new SealResult(newState, block, deferred);
    }

    private enum CommandOutcome
    {
        Accepted,
        Refused,
        BlockFull,
    }

    /// <summary>Runs one command in its own savepoint; a refused command is undone and answered with its
    /// error, and one that does not fit the block is undone and left for the next block.</summary>
    private static CommandOutcome RunInSavepoint(IWriteTransaction write, SealingContext context, LedgerCommand command, out ulong? leaf)
    {
        using var savepoint = write.Savepoint();
        var before = context.BeginCommand();
        try
        {
            leaf = command.Execute(context);
            savepoint.Release();
            return CommandOutcome.Accepted;
        }
        catch (Exception ex)
        {
            savepoint.Rollback();
            context.RollbackCommand(before);
            leaf = null;
            if (ex is BlockFullException)
            {
                return CommandOutcome.BlockFull;
            }
            command.Fail(ex);
            return CommandOutcome.Refused;
        }
    }

    /// <summary>Applies the block's licence entries to the status map (O(k log n) node reads), appends the
    /// StatusRoot entry as the block's last leaf and stores the changed nodes as the map's version at the
    /// block's tree size.</summary>
    private void CommitStatusMap(IStoreSession session, LogState state, SealingContext context)
    {
        var logId = state.Head.LogId;
        var update = new StatusMapUpdate(suite, _map.Source(state.Range.Size, new StoredStatusMap(session.StatusMap, logId, state.Range.Size)));
        foreach (var (leaf, entry) in context.BlockEntries)
        {
            LicenseStatusMap.Apply(suite, update, leaf, entry);
        }
        var (root, changed) = update.Commit();
        context.AppendStatusRoot(root);
        session.StatusMap.InsertMapNodes(logId, context.Range.Size, changed);
        _mapChanged = changed;
    }

    private StoredBlock WriteBlock(IStoreSession session, LogState state, SealingContext context, ulong height, DateTimeOffset now)
    {
        var root = context.Range.Root();
        var size = context.Range.Size;
        var checkpoint = PublishCheckpoint(size, root);
        var header = new BlockHeader
        {
            Region = region,
            Origin = origin,
            Height = height,
            PreviousBlockHash = ByteString.CopyFrom(state.Head.LastBlockHash),
            FirstLeafIndex = state.Range.Size,
            LeafCount = size - state.Range.Size,
            TreeSize = size,
            RootHash = ByteString.CopyFrom(root),
            SealedAt = Timestamp.FromDateTimeOffset(now),
            Checkpoint = checkpoint,
        };
        var headerBytes = header.ToByteArray();
        var block = new StoredBlock(height, headerBytes, header.FirstLeafIndex, header.LeafCount, size, root,
            DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), checkpoint);
        session.Log.InsertBlock(state.Head.LogId, block, suite.Hash(headerBytes));
        return block;
    }

    /// <summary>Signs the checkpoint for a tree size and root as a C2SP signed note.</summary>
    public string PublishCheckpoint(ulong size, byte[] root) =>
        SignedNote.Sign(new Checkpoint(origin, size, root, []).ToBody(), signer).ToString();

    /// <summary>The receipt of a leaf: in the block just sealed, or (a replayed request) in the
    /// earlier block that holds it.</summary>
    private EntryReceipt? ReceiptFor(IStoreSession session, long logId, ulong leafIndex, StoredBlock? sealedNow)
    {
        if (sealedNow is not null && leafIndex >= sealedNow.FirstLeaf)
        {
            return Receipt(leafIndex, sealedNow);
        }
        var height = session.Log.GetEntryBlock(logId, leafIndex);
        var earlier = height is { } h && session.Log.GetBlocks(logId, h, 1) is [var first, ..] ? first : null;
        return earlier is null ? null : Receipt(leafIndex, earlier);
    }

    private EntryReceipt Receipt(ulong leafIndex, StoredBlock block) => new()
    {
        LeafIndex = leafIndex,
        BlockHeight = block.Height,
        Checkpoint = ToWire(block),
    };

    /// <summary>The wire form of a block's checkpoint.</summary>
    public V1.Checkpoint ToWire(StoredBlock block) => new()
    {
        Origin = origin,
        TreeSize = block.TreeSize,
        RootHash = ByteString.CopyFrom(block.RootHash),
        Note = block.Checkpoint,
        SealedAt = Timestamp.FromDateTimeOffset(block.SealedAt),
    };
}
