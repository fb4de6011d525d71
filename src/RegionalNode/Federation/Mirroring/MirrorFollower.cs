using Grpc.Core;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Storage;
using Regional.Node.Storage.Ledger;
using Regional.Node.Storage.Federation;
using Regional.Node.Telemetry;
using Regional.V1;
using Regional.Node.Ledger;

namespace Regional.Node.Federation.Mirroring;

/// <summary>
/// Follows every other region's log: streams blocks from the mirror's next height, checks each
/// with <see cref="BlockValidator"/> before storing it, keeps following live, and reconnects with
/// backoff after either side was down. A block that fails a check is not stored; the mirror stays
/// as it was, an alarm records why (once for the same block refused again), and the follower retries
/// later from the same height.
/// </summary>
internal sealed partial class MirrorFollower(
    FederationContext federation, MirrorSet mirrors, IPeerChannels channels, IDatabase database,
    TimeProvider clock, IOptions<FederationOptions> options, ILogger<MirrorFollower> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The last rejection alarmed per region: a peer that serves the same bad block on every
    /// retry raises one alarm, not one per retry, so it cannot grow the alarm table without bound.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _alarmed = new(StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(federation.Peers.Select(peer => FollowAsync(peer, mirrors.ByRegion(peer.Id)!, stoppingToken)));

    private async Task FollowAsync(RegionTrust peer, MirrorLog mirror, CancellationToken stop)
    {
        var initial = TimeSpan.FromMilliseconds(options.Value.ReconnectMs);
        var backoff = initial;
        using var session = database.Open();
        while (!stop.IsCancellationRequested)
        {
            if (!mirror.Status.IsHalted)
            {
                var from = mirror.State.Head.Height;
                try
                {
                    await StreamAsync(peer, mirror, session, stop);
                }
                catch (RpcException ex) when (!stop.IsCancellationRequested)
                {
                    SetStatus(session, mirror, MirrorState.Unreachable, $"{peer.Endpoint}: {ex.Status.StatusCode} {ex.Status.Detail}");
                    LogUnreachable(peer.Id, ex.Status.StatusCode, ex.Status.Detail);
                }
                catch (Exception ex) when (stop.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
                {
                    return; // shutting down: the stream in flight was cancelled
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    // Our own failure (storage, a bug) must not stop the node: the mirror stays as
                    // it was and the follower tries again after the backoff.
                    LogFailed(peer.Id, ex);
                }
                if (mirror.State.Head.Height != from)
                {
                    // It stored blocks: the peer was up, so start the backoff over even if the stream then broke
                    // (the peer crashed or restarted). Otherwise every crash of the peer would double it, to 30 s.
                    backoff = initial;
                }
            }
            try
            {
                await Task.Delay(backoff, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    /// <summary>One streaming session, until the stream ends, breaks or brings a block that fails a check.</summary>
    private async Task StreamAsync(RegionTrust peer, MirrorLog mirror, IStoreSession session, CancellationToken stop)
    {
        var client = new LedgerService.LedgerServiceClient(channels.For(peer));
        var next = mirror.State.Head.Height is { } h ? h + 1 : 0;
        using var call = client.GetBlocks(new GetBlocksRequest { FromHeight = next, Follow = true }, cancellationToken: stop);
        SetStatus(session, mirror, MirrorState.Following, $"streaming from height {next}");
        var log = federation.Trust.Policy.FindByOrigin(peer.Origin)!;
        var map = new LatestStatusMap(); // this stream's own: the follower is the mirror's only writer
        await foreach (var block in call.ResponseStream.ReadAllAsync(stop))
        {
            if (mirror.Status.IsHalted)
            {
                return; // halted for equivocation while streaming: stop following at once
            }
            using var activity = NodeTelemetry.Start("mirror block", federation.NodeName)?.SetTag(NodeTelemetry.PeerTag, peer.Id).SetTag(NodeTelemetry.EntriesTag, block.Entries.Count);
            var check = BlockValidator.Validate(mirror.Suite, log, mirror.Position, block, new Ledger.StoredLicenseHistory(session.Licenses, mirror.LogId),
                map.Source(mirror.State.Head.TreeSize, new StoredStatusMap(session.StatusMap, mirror.LogId, mirror.State.Head.TreeSize)));
            check = AheadOfClock(check);
            NodeTelemetry.Checked(activity, check);
            if (!check.IsValid)
            {
                Reject(session, mirror, check);
                return;
            }
            var status = new MirrorStatus(MirrorState.Following, $"at height {check.Header!.Height}", clock.GetUtcNow(),
                Math.Max(mirror.Status.LatestSeenSize, check.Header.TreeSize));
            mirror.Advance(MirrorBlockWriter.Store(session, mirror, block, check, status));
            map.Committed(check.Header!.TreeSize, check.StatusMapNodes);
            mirror.SetStatus(status);
            LogStored(peer.Id, check.Header.Height, check.Header.TreeSize);
        }
    }

    /// <summary>Refuses a block whose status time (its StatusRoot's recorded_at, what bundles are "as of") is
    /// ahead of this node's clock by more than the skew a relying party allows: a forward-dated status would
    /// keep old bundles looking fresh.</summary>
    private BlockCheck AheadOfClock(BlockCheck check)
    {
        if (!check.IsValid || check.Entries is not [.., { StatusRoot: not null, RecordedAt: { } time }])
        {
            return check;
        }
        var ahead = time.ToDateTimeOffset() - clock.GetUtcNow();
        return ahead <= LicenseVerifier.Bundles.StatusAge.ClockSkew ? check : new BlockCheck(BlockFailure.InvalidEntry,
            $"block {check.Header!.Height}: its status time {time.ToDateTimeOffset():u} is {LicenseVerifier.Bundles.StatusAge.Describe(ahead)} ahead of this node's clock");
    }

    private void Reject(IStoreSession session, MirrorLog mirror, BlockCheck check)
    {
        var detail = $"{check.Failure}: {check.Detail}";
        if (!_alarmed.TryGetValue(mirror.Region, out var last) || last != detail)
        {
            if (check.Failure == BlockFailure.StatusRootMismatch && check.Header is { } header)
            {
                // Both values are the evidence: the root the issuer signed into its log, and the root every
                // mirror recomputes from the same entries (anyone holding the log can recompute it again).
                session.Alarms.Raise(mirror.Region, AlarmKinds.StatusRootMismatch, detail, clock.GetUtcNow(),
                    $"signed status root {Convert.ToHexStringLower(check.ClaimedStatusRoot)} in block {header.Height}, checkpoint:\n{header.Checkpoint}",
                    $"recomputed status root {Convert.ToHexStringLower(check.StatusRoot)}");
            }
            session.Alarms.Raise(mirror.Region, AlarmKinds.RejectedBlock, detail, clock.GetUtcNow());
            _alarmed[mirror.Region] = detail;
        }
        SetStatus(session, mirror, MirrorState.Rejected, detail);
        LogRejected(mirror.Region, check.Failure, check.Detail);
    }

    private static void SetStatus(IStoreSession session, MirrorLog mirror, MirrorState state, string detail)
    {
        if (mirror.Status.IsHalted)
        {
            return; // equivocation halts a mirror until an operator acts; nothing overrides it
        }
        var status = mirror.Status with { State = state, Detail = detail };
        mirror.SetStatus(status);
        session.Mirrors.WriteStatus(mirror.LogId, status);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mirror {Region}: stored block {Height}, tree size {TreeSize}")]
    private partial void LogStored(string region, ulong height, ulong treeSize);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mirror {Region}: rejected a block ({Failure}): {Detail}; the mirror stays as it was")]
    private partial void LogRejected(string region, BlockFailure failure, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mirror {Region}: following failed; retrying from the same height")]
    private partial void LogFailed(string region, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mirror {Region}: peer unreachable ({Code}): {Detail}; retrying")]
    private partial void LogUnreachable(string region, StatusCode code, string detail);
}
