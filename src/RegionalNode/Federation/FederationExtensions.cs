using Regional.LicenseVerifier.Crypto;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Federation.Transport;
using Regional.Node.Storage;

namespace Regional.Node.Federation;

/// <summary>Registers federation: with a trust file (Federation:TrustFile) the node mirrors and
/// witnesses every other region; without one it runs alone, with no mirrors.</summary>
internal static class FederationExtensions
{
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FederationOptions>().BindConfiguration(FederationOptions.Section);
        var federated = !string.IsNullOrWhiteSpace(configuration[$"{FederationOptions.Section}:{nameof(FederationOptions.TrustFile)}"]);
        if (!federated)
        {
            services.AddSingleton(MirrorSet.Empty);
            return services;
        }
        services.AddSingleton(sp => FederationContext.FromOptions(sp)!);
        services.AddSingleton(sp => MirrorSet.Open(sp.GetRequiredService<Database>(), sp.GetRequiredService<Suite>(), sp.GetRequiredService<FederationContext>()));
        services.AddSingleton<IPeerChannels, PeerChannels>();
        services.AddHostedService<MirrorFollower>();
        return services;
    }
}
