using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Regional.Node.Hosting;

/// <summary>
/// The node's health for load balancers and orchestrators (docs/observability.md, "Health"), in two
/// kinds: liveness (the process serves; restart it if not) and readiness (send it traffic). Served as
/// grpc.health.v1 service names and as plain HTTP probes on the same TLS port:
/// <list type="bullet">
/// <item><c>liveness</c>, <c>GET /healthz</c>: the host has started and is not stopping.</item>
/// <item><c>""</c> (the whole node), <c>regional.v1.LicenseService</c>, <c>GET /readyz</c>: live, the ledger
/// can be written, and the mirrors of the other regions are current (no alarm stands, no lag beyond
/// Node:MaxMirrorLagSeconds): what verification needs.</item>
/// <item><c>regional.v1.CatalogService</c>, <c>regional.v1.ConsentService</c>, <c>regional.v1.DirectoryService</c>: live
/// and the ledger writable.</item>
/// <item><c>regional.v1.LedgerService</c>: live; it serves the logs it holds whatever their state.</item>
/// </list>
/// </summary>
internal static class NodeHealth
{
    /// <summary>Checks that say the process serves.</summary>
    public const string Live = "live";

    /// <summary>Checks that say the ledger can be written.</summary>
    public const string Writable = "writable";

    /// <summary>Checks that say answers about other regions are current.</summary>
    public const string Current = "current";

    /// <summary>The grpc.health.v1 service name of liveness.</summary>
    public const string LivenessService = "liveness";

    /// <summary>The HTTP probes.</summary>
    public const string LivenessPath = "/healthz";

    public const string ReadinessPath = "/readyz";

    /// <summary>gRPC health (checked when asked, not from a cache: the checks only read memory) and its service names.</summary>
    public static IHealthChecksBuilder AddNodeHealth(this IServiceCollection services)
    {
        var checks = services.AddGrpcHealthChecks(grpc =>
        {
            grpc.UseHealthChecksCache = false;
            grpc.Services.Map("", Ready);
            grpc.Services.Map("regional.v1.LicenseService", Ready);
            grpc.Services.Map("regional.v1.CatalogService", r => r.Tags.Contains(Live) || r.Tags.Contains(Writable));
            grpc.Services.Map("regional.v1.ConsentService", r => r.Tags.Contains(Live) || r.Tags.Contains(Writable));
            grpc.Services.Map("regional.v1.DirectoryService", r => r.Tags.Contains(Live) || r.Tags.Contains(Writable));
            grpc.Services.Map("regional.v1.LedgerService", r => r.Tags.Contains(Live));
            grpc.Services.Map(LivenessService, r => r.Tags.Contains(Live));
        });
        checks.AddCheck<NodeHealthCheck>(NodeHealthCheck.Name, tags: [Live]);
        return checks;
    }

    /// <summary>The region node's readiness checks: its ledger and its mirrors.</summary>
    public static IHealthChecksBuilder AddRegionReadiness(this IHealthChecksBuilder checks) => checks
        .AddCheck<LedgerWritableCheck>(LedgerWritableCheck.Name, tags: [Writable])
        .AddCheck<MirrorsCurrentCheck>(MirrorsCurrentCheck.Name, tags: [Current]);

    /// <summary>gRPC health and the HTTP probes (plain text: Healthy, or Unhealthy with 503).</summary>
    public static WebApplication MapNodeHealth(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(Live) });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = _ => true });
        return app;
    }

    private static bool Ready(HealthCheckMapContext check) => true;
}
