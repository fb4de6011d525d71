using Microsoft.Extensions.Diagnostics.HealthChecks;
using Regional.Node.Errors;

namespace Regional.Node.Standby;

/// <summary>Readiness of a standby: not ready, as it takes no writes (its reads are served meanwhile: liveness and
/// the LedgerService health name stay SERVING). The reason names the active node.</summary>
internal sealed class StandbyCheck(StandbyPlan plan, LeaseWatch watch) : IHealthCheck
{
    public const string Name = "standby";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(watch.Taken is null
            ? HealthCheckResult.Unhealthy($"standby: serving reads; {FieldViolations.Quote(plan.Active)} holds the writer lease")
            : HealthCheckResult.Unhealthy("standby: taking over as the active node"));
}
