using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Federation.Witnessing;
using Regional.Node.Ledger;

namespace Regional.Node.Mirror;

/// <summary>
/// A mirror node serves (gRPC health SERVING) once it has caught up with every region since it
/// started: its mirror holds at least the issuer's newest checkpoint as last seen, or the issuer
/// cannot be reached and the mirror holds something (answers then say how fresh they are), or the
/// region is halted for equivocation (its licences answer UNKNOWN). Once caught up it stays serving:
/// the lag of a following mirror is about one block, and it is in every answer and in GetLedgerStatus.
/// </summary>
/// <remarks>Asking costs nothing: the issuers are checked in the background, at most once a second each
/// (<see cref="IssuerFreshness"/>), and a load balancer's probes only read the latest view.</remarks>
internal sealed class MirrorHealthCheck(MirrorSet mirrors, IssuerFreshness freshness) : IHealthCheck
{
    public const string Name = "mirror";

    private readonly ConcurrentDictionary<string, bool> _caughtUp = new(StringComparer.Ordinal);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var behind = new List<string>();
        foreach (var mirror in mirrors.All.OrderBy(m => m.Region, StringComparer.Ordinal))
        {
            if (_caughtUp.ContainsKey(mirror.Region))
            {
                continue;
            }
            var view = freshness.Observe(mirror);
            var size = mirror.State.Head.TreeSize;
            if (mirror.Status.IsHalted || (view?.IssuerSize is { } issuer && size >= issuer) || (view is { IssuerSize: null } && size > 0))
            {
                _caughtUp[mirror.Region] = true;
            }
            else
            {
                behind.Add(view?.IssuerSize is { } known ? $"{mirror.Region} at {size} of {known}" : $"{mirror.Region} at {size}, issuer not yet asked");
            }
        }
        return Task.FromResult(behind.Count == 0
            ? HealthCheckResult.Healthy("caught up with every region")
            : HealthCheckResult.Unhealthy($"catching up: {string.Join(", ", behind)}"));
    }
}
