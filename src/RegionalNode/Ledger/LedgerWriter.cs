using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Regional.Node.Errors;
using Regional.Node.Storage;
using Regional.Node.Telemetry;
using Regional.Node.Configuration;

namespace Regional.Node.Ledger;

/// <summary>
/// The single writer of the own log. Commands queue here (bounded: a full queue is refused at
/// once rather than waiting without bound); the loop takes what is queued, up to MaxBlockEntries, and
/// seals it as one block at once (group commit): what arrives meanwhile forms the next block.
/// </summary>
/// <remarks>Entry and block timestamps come from the injected <see cref="TimeProvider"/>.</remarks>
internal sealed partial class LedgerWriter : BackgroundService
{
    /// <summary>Commands that may wait for a block before new ones are refused: about four seconds of
    /// work at the rates measured on 2 cores (docs/benchmarks.md, "Load and back-pressure"), so a
    /// queued caller is answered within a usual deadline and the rest are refused at once.</summary>
    public const int QueueCapacity = 4_000;

    private readonly Channel<LedgerCommand> _queue = Channel.CreateBounded<LedgerCommand>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly IDatabase _database;
    private readonly OwnLog _log;
    private readonly BlockSealer _sealer;
    private readonly TimeProvider _clock;
    private readonly ILogger<LedgerWriter> _logger;
    private readonly NodeMetrics _metrics;
    private readonly int _maxEntries;
    private readonly TimeSpan _heartbeat;
    private readonly ISealingGuard _guard;

    public LedgerWriter(IDatabase database, OwnLog log, BlockSealer sealer, TimeProvider clock, IOptions<NodeOptions> options, ILogger<LedgerWriter> logger,
        NodeMetrics metrics, ISealingGuard guard)
    {
        _metrics = metrics;
        _guard = guard;
        _database = database;
        _log = log;
        _sealer = sealer;
        _clock = clock;
        _logger = logger;
        _maxEntries = options.Value.MaxBlockEntries;
        _heartbeat = TimeSpan.FromSeconds(options.Value.StatusHeartbeatSeconds);
    }

    /// <summary>Queues a command and waits until its block is durable (or it is refused).</summary>
    /// <exception cref="NodeException">RESOURCE_EXHAUSTED:The queue is full: the node is overloaded.</exception>
    public Task<Sealed<T>> SubmitAsync<T>(LedgerCommand<T> command, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(command))
        {
            throw Busy("the ledger is overloaded; retry with backoff");
        }
        // The caller may stop waiting; the command still runs and its outcome stays in the log.
        return command.Completion.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var session = _database.Open();
        var reader = _queue.Reader;
        try
        {
            // Never seal while a peer holds more of this log than the database (see Federation/Guard/OwnLogGuard).
            var refusal = await _guard.SealingRefusalAsync(stoppingToken);
            while (true)
            {
                var work = await WaitForWorkAsync(reader, refusal is null, stoppingToken);
                if (work is null)
                {
                    break; // the queue was completed
                }
                if (work == false)
                {
                    // Idle for a heartbeat: a block with only the status root keeps status proofs fresh.
                    Seal(session, [], sealEmpty: true);
                    continue;
                }
                var batch = CollectBatch(reader);
                if (refusal is not null)
                {
                    batch.ForEach(command => command.Fail(NodeException.FailedPrecondition("LOG_BEHIND_PEERS", refusal)));
                    continue;
                }
                IReadOnlyList<LedgerCommand> pending = batch;
                while (pending.Count > 0)
                {
                    pending = Seal(session, pending, sealEmpty: false); // a block that reached its byte budget: seal the rest at once
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: refuse what is still queued; none of it was written.
        }
        while (reader.TryRead(out var left))
        {
            left.Fail(NodeException.Unavailable("SHUTTING_DOWN", "the node is shutting down; nothing of this request was written"));
        }
    }

    /// <summary>Seals one block; returns the commands deferred to the next one.</summary>
    private IReadOnlyList<LedgerCommand> Seal(IStoreSession session, IReadOnlyList<LedgerCommand> pending, bool sealEmpty)
    {
        var started = Stopwatch.GetTimestamp();
        var result = _sealer.Seal(session, _log.State, pending, _clock.GetUtcNow(), sealEmpty);
        if (result.Block is { } block)
        {
            _log.Advance(result.State);
            _metrics.BlockSealed(Stopwatch.GetElapsedTime(started));
            LogSealed(block.Height, block.LeafCount, block.TreeSize);
        }
        return result.Deferred;
    }

    /// <summary>Waits for a command: true when one is queued, false when the heartbeat is due first (only when
    /// sealing is allowed and the log has a block: an empty log has no status to keep fresh), null when the
    /// queue is completed.</summary>
    private async Task<bool?> WaitForWorkAsync(ChannelReader<LedgerCommand> reader, bool mayBeat, CancellationToken stoppingToken)
    {
        var head = _log.State.Head;
        if (!mayBeat || head.SealedAt is not { } sealedAt)
        {
            return await reader.WaitToReadAsync(stoppingToken) ? true : null;
        }
        var due = sealedAt + _heartbeat - _clock.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            return reader.TryPeek(out _);
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(due);
        try
        {
            return await reader.WaitToReadAsync(wait.Token) ? true : null;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Group commit: everything queued now, up to MaxBlockEntries, without waiting for more. Commands that
    /// arrive while a block is being made durable (its fsync'd COMMIT) queue up and form the next block, so a lone
    /// command is sealed at once and a flood still fills blocks.</summary>
    private List<LedgerCommand> CollectBatch(ChannelReader<LedgerCommand> reader)
    {
        var batch = new List<LedgerCommand>(Math.Min(_maxEntries, reader.Count));
        while (batch.Count < _maxEntries && reader.TryRead(out var command))
        {
            batch.Add(command);
        }
        return batch;
    }

    private static NodeException Busy(string message) => new(Grpc.Core.StatusCode.ResourceExhausted, "LEDGER_BUSY", message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sealed block {Height} with {Entries} entries; tree size {TreeSize}")]
    private partial void LogSealed(ulong height, ulong entries, ulong treeSize);
}

