using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Regional.Node.Hosting;

/// <summary>The node's own liveness: healthy from the moment the host has started (options valid,
/// signing key loaded, listening) until it begins to stop. The domain adds its own checks beside it.</summary>
internal sealed class NodeHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "node";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("the node is stopping")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("the node is serving")
            : HealthCheckResult.Unhealthy("the node is starting");
        return Task.FromResult(result);
    }
}
