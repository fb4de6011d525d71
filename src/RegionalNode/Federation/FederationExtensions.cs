using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Federation.Equivocation;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Federation.Transport;
using Regional.Node.Federation.Witnessing;
using Regional.Node.Storage;
using Regional.Node.Ledger;

namespace Regional.Node.Federation;

/// <summary>Registers federation: with a trust file (Federation:TrustFile) the node mirrors and
/// witnesses every other region and collects cosignatures of its own log; without one it runs
/// alone, with no mirrors and checkpoints without cosignatures.</summary>
internal static class FederationExtensions
{
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FederationOptions>().BindConfiguration(FederationOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FederationOptions>, FederationOptionsValidator>());
        var federated = !string.IsNullOrWhiteSpace(configuration[$"{FederationOptions.Section}:{nameof(FederationOptions.TrustFile)}"]);
        if (!federated)
        {
            services.AddSingleton(MirrorSet.Empty);
            services.AddSingleton(new CosignedCheckpoints(0));
            return services;
        }
        services.AddSingleton(sp => FederationContext.FromOptions(sp)!);
        services.AddSingleton(sp => MirrorSet.Open(sp.GetRequiredService<IDatabase>(), sp.GetRequiredService<Suite>(), sp.GetRequiredService<FederationContext>().Peers.Select(p => (p.Id, p.Origin))));
        services.AddSingleton<IPeerChannels, PeerChannels>();
        services.AddHostedService<MirrorFollower>();
        services.AddWitnessing();
        return services;
    }

    /// <summary>Witnessing the others, publishing the own checkpoints to them, equivocation
    /// detection and the freshness cross-check of mirrors.</summary>
    private static IServiceCollection AddWitnessing(this IServiceCollection services)
    {
        services.AddSingleton(sp => new CosignedCheckpoints(sp.GetRequiredService<FederationContext>().Trust.WitnessQuorum));
        services.AddSingleton<EquivocationResponder>();
        services.AddSingleton<CheckpointWitness>();
        services.AddSingleton<CosignatureCollector>();
        services.AddSingleton<IssuerCheck>();
        services.AddSingleton<IssuerFreshness>();
        services.AddHostedService<CheckpointPublisher>();
        services.AddHostedService<MirrorWitnessCheck>();
        return services;
    }
}
