using Regional.Node.Ledger;
using Regional.Node.Storage;

namespace Regional.Node.Standby;

/// <summary>
/// Keeps a standby's view of the logs as the active node writes them: five times a second it reads each log's head
/// (its own region's and its mirrors of the others) and, when the active sealed a block since, loads the new state, so
/// checkpoints, proofs and verification answer from the newest block. A mirror's status comes along.
/// </summary>
internal sealed partial class StandbyFollower(IDatabase database, OwnLog own, MirrorSet mirrors, ILogger<StandbyFollower> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Follow();
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                LogBehind(logger, ex.Message);
            }
            try
            {
                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Loads what the active node stored since the last look.</summary>
    public void Follow()
    {
        using var session = database.OpenRead();
        if (own.Reload(session) is { } state)
        {
            own.Advance(state);
        }
        foreach (var mirror in mirrors.All)
        {
            if (mirror.Reload(session) is { } mirrored)
            {
                mirror.Advance(mirrored);
            }
            if (session.Mirrors.ReadStatus(mirror.LogId) is { } status)
            {
                mirror.SetStatus(status);
            }
        }
    }

    [LoggerMessage(905, LogLevel.Warning, "Standby: cannot read what the active node wrote; answering from the last block seen: {Error}")]
    private static partial void LogBehind(ILogger logger, string error);
}
