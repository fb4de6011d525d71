namespace Regional.Node.Operations;

/// <summary>Registers the running node's side of operations (the operator commands run without a host).</summary>
internal static class OperationsExtensions
{
    /// <summary>The own-log guard: registered before the ledger's hosted services so the data folder is locked
    /// and a restored folder refused before anything else starts.</summary>
    public static IServiceCollection AddOwnLogGuard(this IServiceCollection services)
    {
        services.AddSingleton<OwnLogGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<OwnLogGuard>());
        return services;
    }
}
