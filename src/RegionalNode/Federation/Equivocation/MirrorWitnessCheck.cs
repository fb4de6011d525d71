using Regional.Node.Federation.Mirroring;
using Regional.Node.Storage;
using Checkpoint = Regional.LicenseVerifier.Notes.Checkpoint;
using Regional.Node.Ledger;

namespace Regional.Node.Federation.Equivocation;

/// <summary>
/// The mirror's side of equivocation detection: after every block a mirror stores, the checkpoint
/// this node last witnessed for that log must agree with the mirrored tree (the witness checks the
/// other way round, a new checkpoint against the mirror, when it is submitted). A disagreement
/// halts the mirror with both signed notes as evidence.
/// </summary>
internal sealed partial class MirrorWitnessCheck(MirrorSet mirrors, IDatabase database, EquivocationResponder equivocation, ILogger<MirrorWitnessCheck> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(mirrors.All.Select(mirror => Task.Run(() => WatchAsync(mirror, stoppingToken), stoppingToken)));

    private async Task WatchAsync(MirrorLog mirror, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && !mirror.Status.IsHalted)
            {
                var stored = mirror.NextBlock(stop);
                try
                {
                    if (Check(mirror) is { } conflict)
                    {
                        equivocation.Halt(mirror, conflict);
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A storage failure must not stop the node: check again on the next block.
                    LogCheckFailed(mirror.Region, ex);
                }
                await stored;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>The conflict between the witnessed checkpoint of the mirror's log and the mirror, or null.</summary>
    public Conflict? Check(MirrorLog mirror)
    {
        using var session = database.Open();
        var witnessed = session.Cosignatures.Witnessed(mirror.Origin);
        if (witnessed is null)
        {
            return null;
        }
        var conflict = ConflictCheck.AgainstMirror(session, mirror, new Checkpoint(witnessed.Origin, witnessed.TreeSize, witnessed.RootHash), witnessed.Note);
        // Reported as the mirror saw it: the witnessed note came first, the mirrored one contradicts it.
        return conflict is null ? null : conflict with { EvidenceA = conflict.EvidenceB, EvidenceB = conflict.EvidenceA };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Mirror {Region}: checking it against the witnessed checkpoint failed; will check again")]
    private partial void LogCheckFailed(string region, Exception exception);
}
