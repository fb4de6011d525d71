using Regional.Node.Telemetry;
using Regional.Node.Configuration;
using Regional.Node.Http;
namespace Regional.Node.Hosting;

/// <summary>Builds a regional node: configuration, options, Kestrel and TLS, the signing key, gRPC
/// with its interceptors, health and reflection, the HTTP/JSON face. Program.cs runs it; tests start it in-process.</summary>
internal static class NodeApp
{
    /// <param name="args">Command-line arguments (--region bj, --Node:Listen=127.0.0.1:0, ...).</param>
    /// <param name="configure">Runs after the defaults and before Build: tests replace services here
    /// (TimeProvider, ...) or add configuration.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json is the one next to the node's assembly, wherever the node is started from: with the
        // working directory as content root, a node started elsewhere lost its log levels and logged every request.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddNodeConfiguration(args);
        builder.Services.AddNodeHosting();
        builder.Services.AddNodeSecurity();
        builder.Services.AddNodeGrpc();
        builder.Services.AddNodeMode(builder.Configuration);
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
