namespace Regional.Node.Federation.Guard;

/// <summary>Registers the guard of the own log (the data folder's lock, the peers' view of this log before the first block).</summary>
internal static class OwnLogExtensions
{
    /// <summary>The own-log guard: registered before the ledger's hosted services so the data folder is locked
    /// and a restored folder refused before anything else starts.</summary>
    public static IServiceCollection AddOwnLogGuard(this IServiceCollection services)
    {
        services.AddSingleton<OwnLogGuard>();
        services.AddSingleton<Ledger.ISealingGuard>(sp => sp.GetRequiredService<OwnLogGuard>());
        services.AddHostedService(sp => sp.GetRequiredService<OwnLogGuard>());
        return services;
    }
}
