using System.Diagnostics.Metrics;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Hosting;
using Regional.Node.Ledger;
using Regional.Node.Storage;
using Regional.Node.Configuration;
using Regional.Node.Telemetry;

namespace Regional.Node.Hosting;

/// <summary>
/// OpenTelemetry for the node: traces of every inbound call (ASP.NET Core), outbound call (gRPC
/// client over HttpClient, which carries the W3C traceparent to the peer) and the node's own spans;
/// the node's metrics with ASP.NET Core's and HttpClient's; logs scoped with trace and span ids.
/// Exported over OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_* variables
/// tune it); otherwise nothing leaves the node. See docs/observability.md.
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>The service name every node reports; the region is the regional.region attribute.</summary>
    public const string ServiceName = "regional-node";

    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Node:MetricsListen: where Prometheus scrapes /metrics; unset, no endpoint.</summary>
    public const string MetricsListenKey = $"{NodeOptions.Section}:{nameof(NodeOptions.MetricsListen)}";

    /// <summary>The scrape path, Prometheus's default.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Activity sources traced besides the node's own: inbound calls, outbound gRPC and HTTP.</summary>
    public static readonly string[] FrameworkSources = ["Microsoft.AspNetCore", "Grpc.Net.Client", "System.Net.Http"];

    /// <summary>Meters exported besides the node's own: request durations in and out.</summary>
    public static readonly string[] FrameworkMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static WebApplicationBuilder AddNodeTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        services.AddSingleton(sp => new NodeGauges(sp.GetRequiredService<OwnLog>(), sp.GetRequiredService<MirrorSet>(),
            sp.GetRequiredService<IDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new NodeMetrics(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<IOptions<NodeOptions>>().Value.NodeName, (IGaugeSource)sp.GetRequiredService<NodeGauges>()));
        services.AddSingleton<Errors.IRefusalCounter>(sp => sp.GetRequiredService<NodeMetrics>());
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<TelemetryInterceptor>());

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString())
                .AddDetector(sp => new RegionDetector(sp.GetRequiredService<IOptions<NodeOptions>>().Value.NodeName)))
            .WithTracing(tracing => tracing.AddSource(NodeTelemetry.Name).AddSource(FrameworkSources))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(NodeTelemetry.Name).AddMeter(FrameworkMeters);
                if (!string.IsNullOrEmpty(builder.Configuration[MetricsListenKey]))
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            // Logs too, with their trace and span ids; the OTEL_EXPORTER_OTLP_* settings are read from configuration.
            telemetry.WithLogging(_ => { }, logging => logging.IncludeScopes = true).UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>With Node:MetricsListen, the Prometheus scrape endpoint on that port, and nothing else there: any
    /// other path on it is 404, and /metrics on the TLS port is not served.</summary>
    public static WebApplication MapNodeMetrics(this WebApplication app)
    {
        var listen = app.Services.GetRequiredService<IOptions<NodeOptions>>().Value.MetricsListen;
        if (string.IsNullOrEmpty(listen) || !ListenAddress.TryParse(listen, out var metrics))
        {
            return app;
        }
        var port = metrics.Port;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Connection.LocalPort == port && context.Request.Path == MetricsPath,
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port)
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }

    /// <summary>Adds the node's region to the resource (known once options are bound).</summary>
    private sealed class RegionDetector(string region) : IResourceDetector
    {
        public Resource Detect() => new([new(NodeTelemetry.RegionTag, region)]);
    }
}
