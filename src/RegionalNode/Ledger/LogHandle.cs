using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Merkle;
using Regional.Node.Storage;
using Regional.Node.Storage.Ledger;

namespace Regional.Node.Ledger;

/// <summary>
/// One log as the node holds it in memory, its own or a mirror of another region's: the head
/// (latest block) and the compact range that the next block extends. Only its writer (the block
/// sealer, or the mirror follower) advances it; readers take a snapshot.
/// </summary>
/// <remarks>Thread-safe: the state is an immutable value swapped atomically; waiters for the next
/// block are released by a task that is replaced on every block.</remarks>
internal abstract class LogHandle
{
    private LogState _state;
    private TaskCompletionSource _nextBlock = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _signal = new();

    protected LogHandle(Suite suite, string region, string origin, LogState state)
    {
        Suite = suite;
        Region = region;
        Origin = origin;
        _state = state;
    }

    public Suite Suite { get; }

    public string Region { get; }

    public string Origin { get; }

    public long LogId => _state.Head.LogId;

    /// <summary>The latest stored state.</summary>
    public LogState State => Volatile.Read(ref _state);

    /// <summary>Loads a log's head and its compact range from the stored subtree hashes (O(log n)
    /// reads), and checks that they agree. A read-only session (a standby's) migrates and registers
    /// nothing: the log must be stored already.</summary>
    /// <exception cref="InvalidOperationException">The stored tree does not match the last block, or a
    /// read-only session finds no such log.</exception>
    protected static LogState Load(IStoreSession session, Suite suite, string region, string origin, bool isOwn)
    {
        long logId;
        if (session.IsReadOnly)
        {
            logId = session.Log.FindLog(origin)
                ?? throw new InvalidOperationException($"the database holds no log {origin} yet: the node that holds the writer lease registers it at its start");
        }
        else
        {
            session.Migrate();
            logId = session.Log.EnsureLog(origin, region, isOwn);
        }
        return Load(session, suite, origin, session.Log.GetHead(logId, suite.EmptyRoot.ToArray()));
    }

    /// <summary>The stored state when it is newer than the one held (the log's writer is another process: a
    /// standby follows the active this way); null when it is the same.</summary>
    public LogState? Reload(IStoreSession session)
    {
        var held = State.Head;
        var head = session.Log.GetHead(held.LogId, Suite.EmptyRoot.ToArray());
        return head.TreeSize == held.TreeSize && head.Height == held.Height ? null : Load(session, Suite, Origin, head);
    }

    private static LogState Load(IStoreSession session, Suite suite, string origin, LogHead head)
    {
        var hashes = session.Log.TreeNodes(head.LogId).GetNodes(CompactRange.NodesFor(head.TreeSize));
        var range = CompactRange.FromHashes(suite, head.TreeSize, hashes);
        if (!range.Root().AsSpan().SequenceEqual(head.RootHash))
        {
            throw new InvalidOperationException(
                $"the stored tree of log {origin} does not match its last block at size {head.TreeSize}: the database is damaged");
        }
        return new LogState(head, range) { Keys = KeyHistory.Load(session.Log, head.LogId) };
    }

    /// <summary>Publishes a new state after a block committed, and wakes block followers.</summary>
    public void Advance(LogState state)
    {
        TaskCompletionSource released;
        lock (_signal)
        {
            Volatile.Write(ref _state, state);
            released = _nextBlock;
            _nextBlock = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        released.TrySetResult();
    }

    /// <summary>Completes when a block after the current one is stored.</summary>
    public Task NextBlock(CancellationToken cancellationToken)
    {
        lock (_signal)
        {
            return _nextBlock.Task.WaitAsync(cancellationToken);
        }
    }
}
