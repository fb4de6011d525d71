using Regional.LicenseVerifier.Certificates;
using Regional.Node.Federation;
using Regional.Node.Ledger;
using Regional.Node.Mirror;
using Regional.Node.Configuration;
using Regional.Node.Catalog;
using Regional.Node.Consent;
using Regional.Node.Federation.Guard;
using Regional.Node.Licenses;
using Regional.Node.Relay;
using Regional.Node.Services;

namespace Regional.Node.Hosting;

/// <summary>
/// The one place where the two kinds of node part ways (Node:Mode). A "region" node writes its
/// region's log and mirrors and witnesses the others; a "mirror" node is the same binary, read-only:
/// it follows every region's log, verifies every block, serves verification and status, and refuses
/// writes (see Mirror/ and docs/mirrors.md). Everything else (hosting, TLS, gRPC, errors) is shared.
/// </summary>
internal static class NodeMode
{
    /// <summary>Whether the configuration asks for a mirror node.</summary>
    public static bool IsMirror(IConfiguration configuration) =>
        configuration[$"{NodeOptions.Section}:{nameof(NodeOptions.Mode)}"] == NodeModes.Mirror;

    /// <summary>The services of the node's mode: the own log, licences and federation of a region,
    /// or the followers and read-only services of a mirror.</summary>
    public static IServiceCollection AddNodeMode(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsMirror(configuration))
        {
            services.AddHealthChecks().AddCheck<MirrorsCurrentCheck>(MirrorsCurrentCheck.Name, tags: [NodeHealth.Current]);
            return services.AddMirrorNode();
        }
        services.AddHealthChecks().AddRegionReadiness();
        // In this order: hosted services start as registered, and the guard locks the data folder first.
        services.AddOwnLogGuard();
        services.AddLedger();
        services.AddCatalog();
        services.AddLicenses();
        services.AddConsent();
        services.AddRelay();
        services.AddFederation(configuration);
        return services;
    }

    /// <summary>The gRPC services of the node's mode.</summary>
    public static WebApplication MapNodeMode(this WebApplication app) =>
        IsMirror(app.Configuration) ? app.MapMirrorNode() : app.MapRegionServices();
}
