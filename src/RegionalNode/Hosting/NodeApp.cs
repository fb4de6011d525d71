using Regional.Node.Telemetry;
using Regional.Node.Configuration;
using Regional.Node.Http;
using Regional.Node.Standby;
using Regional.Node.Storage.Postgres;
namespace Regional.Node.Hosting;

/// <summary>Builds a regional node: configuration, options, Kestrel and TLS, the signing key, gRPC
/// with its interceptors, health and reflection, the HTTP/JSON face. Program.cs runs it; tests start it in-process.</summary>
internal static class NodeApp
{
    /// <param name="args">Command-line arguments (--region bj, --Node:Listen=127.0.0.1:0, ...).</param>
    /// <param name="configure">Runs after the defaults and before Build: tests replace services here
    /// (TimeProvider, ...) or add configuration.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) => Build(args, configure, null);

    /// <summary>Runs the node until it stops. A standby (Standby/, docs/storage.md) runs until it takes the writer lease,
    /// then the process runs on as the active node, with the lease in hand, on Node:Listen.</summary>
    public static async Task RunAsync(string[] args)
    {
        WriterLease? takeover = null;
        while (true)
        {
            var app = Build(args, null, takeover);
            var watch = app.Services.GetService<LeaseWatch>();
            await app.RunAsync(); // disposes the app
            takeover = watch?.Taken;
            if (takeover is null)
            {
                return;
            }
        }
    }

    /// <param name="takeover">The writer lease this process's standby took: the node holds it.</param>
    internal static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure, WriterLease? takeover)
    {
        // appsettings.json is the one next to the node's assembly, wherever the node is started from: with the
        // working directory as content root, a node started elsewhere lost its log levels and logged every request.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddNodeConfiguration(args);
        builder.Services.AddNodeHosting();
        builder.Services.AddNodeSecurity();
        builder.Services.AddNodeGrpc();
        builder.Services.AddNodeMode(builder.Configuration);
        if (StandbyPlan.Decide(builder.Configuration, builder.Services, takeover) is { } standby)
        {
            builder.Services.AddStandby(standby);
            builder.Services.AddHealthChecks().AddCheck<StandbyCheck>(StandbyCheck.Name, tags: [NodeHealth.Writable]);
        }
        builder.AddNodeTelemetry();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapNodeMetrics();
        app.UseMiddleware<Errors.MalformedRequestMiddleware>();
        app.UseNodeHttpJson();
        app.MapNodeEndpoints();
        app.MapNodeMode();
        app.MapVerifyPage();
        return app;
    }
}
