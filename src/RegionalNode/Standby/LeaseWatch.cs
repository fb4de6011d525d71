using Regional.Node.Errors;
using Regional.Node.Storage.Postgres;

namespace Regional.Node.Standby;

/// <summary>
/// The standby's wait for the writer lease: it tries for it twice a second, and once it holds it, stops this host so
/// the process starts again as the active node with the lease in hand (<see cref="Taken"/>, NodeApp.RunAsync). Reads
/// in flight finish first; the active node then listens on Node:Listen.
/// </summary>
internal sealed partial class LeaseWatch(StandbyPlan plan, IHostApplicationLifetime lifetime, ILogger<LeaseWatch> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private WriterLease? _taken;

    /// <summary>The lease, once taken: the active node that follows holds it from then on.</summary>
    public WriterLease? Taken => Volatile.Read(ref _taken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStandby(logger, FieldViolations.Quote(plan.Active), plan.Listen);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (WriterLease.TryAcquire(plan.ConnectionString, plan.Holder, out _) is { } lease)
                {
                    if (stoppingToken.IsCancellationRequested)
                    {
                        lease.Dispose(); // stopped meanwhile by its operator: it does not take over
                        return;
                    }
                    Volatile.Write(ref _taken, lease);
                    LogTakingOver(logger, lease.Epoch);
                    lifetime.StopApplication();
                    return;
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogUnreachable(logger, ex.Message);
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

    [LoggerMessage(901, LogLevel.Warning, "Standby: {Active} holds the writer lease of this database; serving reads on {Listen} and waiting to take over")]
    private static partial void LogStandby(ILogger logger, string active, string listen);

    [LoggerMessage(903, LogLevel.Warning, "Standby: the writer lease is free; taking over as the active node (epoch {Epoch})")]
    private static partial void LogTakingOver(ILogger logger, long epoch);

    [LoggerMessage(904, LogLevel.Warning, "Standby: cannot reach the database to try for the writer lease: {Error}")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
