using System.Diagnostics;
using Grpc.Core;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// For the latency run: remembers when each licence was sent to the issuer, follows the other node's
/// mirror of the issuer's log (GetBlocks with follow, on that node), and when a licence's leaf has
/// arrived asks that node VerifyLicense; the time from sending to a VALID answer is the figure.
/// A licence acknowledged after its block already arrived is checked at once.
/// </summary>
internal sealed class ArrivalWatch(LicenseService.LicenseServiceClient verifier)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<ulong, (string Id, long Sent)> _waiting = [];
    private readonly List<double> _acknowledged = [];
    private readonly List<double> _visible = [];
    private readonly List<Task> _checks = [];
    private ulong _mirrored;

    /// <summary>Issues one licence at the issuer and arranges for its check on the other node.</summary>
    public async Task IssueAsync(LicenseService.LicenseServiceClient issuer)
    {
        var sent = Stopwatch.GetTimestamp();
        var response = await issuer.IssueLicenseAsync(Licences.BusinessLicence());
        var checkNow = false;
        lock (_lock)
        {
            _acknowledged.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            if (response.Receipt.LeafIndex < _mirrored)
            {
                checkNow = true;
            }
            else
            {
                _waiting[response.Receipt.LeafIndex] = (response.LicenseId, sent);
            }
        }
        if (checkNow)
        {
            await CheckAsync(response.LicenseId, sent);
        }
    }

    /// <summary>Follows the node's mirror of origin until stopped.</summary>
    public async Task FollowAsync(LedgerService.LedgerServiceClient ledger, string origin, CancellationToken stop)
    {
        var mirror = (await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest(), cancellationToken: stop)).Mirrors.Single(m => m.Origin == origin);
        var from = mirror.TreeSize > 0 ? mirror.Height + 1 : 0;
        lock (_lock)
        {
            _mirrored = mirror.TreeSize;
        }
        using var call = ledger.GetBlocks(new GetBlocksRequest { Origin = origin, FromHeight = from, Follow = true }, cancellationToken: stop);
        try
        {
            await foreach (var block in call.ResponseStream.ReadAllAsync(stop))
            {
                var size = BlockHeader.Parser.ParseFrom(block.Header).TreeSize;
                lock (_lock)
                {
                    _mirrored = Math.Max(_mirrored, size);
                    foreach (var leaf in _waiting.Keys.TakeWhile(k => k < size).ToList())
                    {
                        var (id, sent) = _waiting[leaf];
                        _waiting.Remove(leaf);
                        _checks.Add(CheckAsync(id, sent));
                    }
                }
            }
        }
        catch (Exception ex) when (stop.IsCancellationRequested && ex is RpcException or OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>Waits until every acknowledged licence was found VALID, or the time is up.</summary>
    public async Task AllVisibleAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            Task[] checks;
            lock (_lock)
            {
                if (_visible.Count >= _acknowledged.Count)
                {
                    return;
                }
                checks = [.. _checks];
            }
            await Task.WhenAll(checks);
            await Task.Delay(50);
        }
    }

    /// <summary>Sorted milliseconds: issue acknowledged by the issuer, and issue sent until VALID elsewhere.</summary>
    public (double[] Acknowledged, double[] Visible) Latencies()
    {
        lock (_lock)
        {
            double[] acknowledged = [.. _acknowledged.Order()];
            double[] visible = [.. _visible.Order()];
            return (acknowledged, visible);
        }
    }

    /// <summary>Asks until the answer is VALID (for up to 30 s): a block can be served by the node's GetBlocks a
    /// moment before its mirror state moves to it, and the figure is when VALID is answered, not the first try.</summary>
    private async Task CheckAsync(string licenseId, long sent)
    {
        while (Stopwatch.GetElapsedTime(sent) < TimeSpan.FromSeconds(30))
        {
            var answer = await verifier.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = licenseId });
            if (answer.Status == VerificationStatus.Valid)
            {
                lock (_lock)
                {
                    _visible.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                return;
            }
            await Task.Delay(5);
        }
    }
}
