namespace Regional.Node.Consent;

/// <summary>Registers the issuing region's check and record of every access to a licence's content.</summary>
internal static class ConsentExtensions
{
    public static IServiceCollection AddConsent(this IServiceCollection services) =>
        services.AddSingleton<ContentAccess>();
}
