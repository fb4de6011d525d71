namespace Regional.Node.Relay;

/// <summary>Registers the relay of downloads, fact checks and holder queries to the issuing region, and of
/// sharing applications to the owning region.</summary>
internal static class RelayExtensions
{
    public static IServiceCollection AddRelay(this IServiceCollection services) =>
        services.AddSingleton<LicenseRelay>().AddSingleton<SharingRelay>();
}
