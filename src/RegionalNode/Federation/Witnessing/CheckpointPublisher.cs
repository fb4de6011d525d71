using Grpc.Core;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Telemetry;

namespace Regional.Node.Federation.Witnessing;

/// <summary>
/// Publishes the own log's checkpoints to the other regions' witnesses: one loop per peer, woken by
/// every sealed block, always sending the newest checkpoint (blocks sealed during a call are
/// coalesced into the next one). Sealing never waits for it; a slow or down peer holds up only its
/// own loop, which retries with backoff (Federation:ReconnectMs, doubling to 30 s).
/// </summary>
internal sealed partial class CheckpointPublisher(
    FederationContext federation, OwnLog log, IDatabase database, CosignatureCollector collector,
    IOptions<FederationOptions> options, ILogger<CheckpointPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(federation.Peers.Select(peer => Task.Run(() => PublishToAsync(peer, stoppingToken), stoppingToken)));

    private async Task PublishToAsync(RegionTrust peer, CancellationToken stop)
    {
        var initial = TimeSpan.FromMilliseconds(options.Value.ReconnectMs);
        var backoff = initial;
        var witnessSize = HeldBy(peer);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                // Take the signal before reading the state, so a block sealed in between is not missed.
                var sealedAfter = log.NextBlock(stop);
                var state = log.State;
                Task wait = sealedAfter;
                if (state.Head.Checkpoint is not null && state.Head.TreeSize > witnessSize)
                {
                    using var activity = NodeTelemetry.Witnessing(federation.Self.Id, peer.Id, "publisher", state.Head.TreeSize);
                    try
                    {
                        witnessSize = await collector.CollectAsync(peer, state, witnessSize, stop);
                        backoff = initial;
                    }
                    catch (Exception ex) when (!stop.IsCancellationRequested)
                    {
                        // A peer's failure, or our own (storage), must never stop this node: retry later.
                        var (code, detail) = ex is RpcException rpc ? (rpc.StatusCode, rpc.Status.Detail) : (StatusCode.Internal, ex.Message);
                        LogNotCosigned(peer.Id, state.Head.TreeSize, code, detail);
                        activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, $"{code}: {detail}");
                        wait = Task.WhenAny(sealedAfter, Task.Delay(backoff, stop));
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                    }
                }
                await wait;
            }
        }
        catch (Exception ex) when (stop.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            // Shutting down: the call in flight was cancelled.
        }
    }

    /// <summary>The largest size of the own log this peer cosigned, as stored; 0 if none.</summary>
    private ulong HeldBy(RegionTrust peer)
    {
        using var session = database.Open();
        return peer.WitnessKeys.Select(k => session.Cosignatures.LatestBy(log.LogId, k.Name) ?? 0).DefaultIfEmpty(0UL).Max();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Witness {Region} did not cosign size {TreeSize} ({Code}: {Detail}); retrying")]
    private partial void LogNotCosigned(string region, ulong treeSize, StatusCode code, string detail);
}
