using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Federation;
using Regional.Node.Federation.Equivocation;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Federation.Transport;
using Regional.Node.Federation.Witnessing;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Services;
using Regional.Node.Storage;
using Regional.Node.Storage.Encryption;
using Regional.Node.Configuration;

namespace Regional.Node.Mirror;

/// <summary>
/// Registers a read-only mirror node (Node:Mode mirror): the database of mirrors, one follower per
/// region of the trust file (each block checked by BlockValidator, as a region's mirrors are), the
/// issuers' freshness checks (which also bring their witnesses' cosignatures), the verification
/// reader, and read-only services. No own log, signing key, witness key, sealing or witnessing.
/// </summary>
internal static class MirrorNodeExtensions
{
    public static IServiceCollection AddMirrorNode(this IServiceCollection services)
    {
        services.AddOptions<FederationOptions>().BindConfiguration(FederationOptions.Section);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddSingleton(sp => StorageOptions.Open(sp, Node(sp).DataDirectory!, Node(sp).NodeName));
        services.AddSingleton(sp => FederationContext.ForMirror(
            sp.GetRequiredService<IOptions<FederationOptions>>().Value.TrustFile, sp.GetRequiredService<Suite>(), Node(sp).NodeName));
        services.AddSingleton(sp => MirrorSet.Open(sp.GetRequiredService<IDatabase>(), sp.GetRequiredService<Suite>(), sp.GetRequiredService<FederationContext>().Peers.Select(p => (p.Id, p.Origin))));
        services.AddSingleton<IPeerChannels, PeerChannels>();
        services.AddHostedService<MirrorStartup>();
        services.AddHostedService<MirrorFollower>();
        services.AddSingleton(sp => new CosignedCheckpoints(sp.GetRequiredService<FederationContext>().Trust.WitnessQuorum));
        services.AddSingleton<EquivocationResponder>();
        services.AddSingleton<IssuerCheck>();
        services.AddSingleton<IssuerFreshness>();
        services.AddSingleton(sp => OwnLog.None(sp.GetRequiredService<Suite>(), Node(sp).MirrorName!));
        services.AddSingleton<ProofCache>();
        services.AddSingleton<LogReader>();
        // The reader wants a vault for the own region's fact checks, which a mirror never answers:
        // a throw-away key that encrypts nothing and is never stored.
        services.AddSingleton(sp => new DocumentVault(sp.GetRequiredService<Suite>(), RandomNumberGenerator.GetBytes(DataKeyFile.KeySize)));
        services.AddSingleton<LicenseReader>();
        services.AddSingleton(sp => new NodeIdentity("", Node(sp).DisplayName!, "", ""));
        services.AddSingleton<WriteRefusal>();
        services.AddSingleton<LedgerQueries>();
        services.AddTransient<LedgerGrpcService>();
        services.AddHealthChecks().AddCheck<MirrorHealthCheck>(MirrorHealthCheck.Name);
        return services;
    }

    public static WebApplication MapMirrorNode(this WebApplication app)
    {
        app.MapGrpcService<MirrorLicenseGrpcService>();
        app.MapGrpcService<MirrorLedgerGrpcService>();
        app.MapGrpcService<MirrorCatalogGrpcService>();
        app.MapGrpcService<MirrorConsentGrpcService>();
        app.MapGrpcService<MirrorDirectoryGrpcService>();
        return app;
    }

    private static NodeOptions Node(IServiceProvider services) => services.GetRequiredService<IOptions<NodeOptions>>().Value;
}
