using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Regional.Node.Configuration;
using Regional.Node.Ledger;

namespace Regional.Node.Hosting;

/// <summary>
/// Whether a region's node can write its ledger: unhealthy while the last block could not be committed
/// (a full or read-only disk, a lost database file), healthy again once a block commits. Readiness of the
/// services that write (docs/observability.md, "Health").
/// </summary>
internal sealed class LedgerWritableCheck(BlockSealer sealer) : IHealthCheck
{
    public const string Name = "ledger-writable";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(sealer.LastFailure is { } failure
            ? HealthCheckResult.Unhealthy($"the ledger could not commit a block at {failure.At:u} ({failure.Cause}); nothing since has committed")
            : HealthCheckResult.Healthy("the last block committed"));
}

/// <summary>
/// Whether this node's answers about the other regions can be trusted to be current: unhealthy while a
/// mirror needs an operator (it rejected a block, or halted on the issuer's equivocation: the alarms that
/// stand until the mirror accepts a valid block again or an operator acts), or lags its issuer by more
/// than Node:MaxMirrorLagSeconds. Alarms a caller can trigger (impersonation) do not count: a caller
/// must not be able to take a node out of its load balancer.
/// </summary>
internal sealed class MirrorsCurrentCheck(MirrorSet mirrors, TimeProvider clock, IOptions<NodeOptions> options) : IHealthCheck
{
    public const string Name = "mirrors-current";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var bound = options.Value.MaxMirrorLagSeconds;
        var problems = new List<string>();
        foreach (var mirror in mirrors.All.OrderBy(m => m.Region, StringComparer.Ordinal))
        {
            var status = mirror.Status;
            if (status.State.NeedsOperator)
            {
                problems.Add($"{mirror.Region}'s mirror is {status.State.Value}: {Errors.FieldViolations.Quote(status.Detail)}");
                continue;
            }
            var lag = MirrorLag.Of(mirror, now);
            if (lag.Seconds > bound)
            {
                problems.Add($"{mirror.Region}'s mirror is {lag.Seconds:F0} s ({lag.Entries} entries) behind, more than Node:MaxMirrorLagSeconds ({bound} s)");
            }
        }
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"{mirrors.All.Count} mirrors current")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems)));
    }
}
