using Regional.LicenseVerifier.Crypto;
using Regional.Node.Ledger;

namespace Regional.Node.Licenses;

/// <summary>Registers the licence domain: the document vault (documents encrypted with the data key) and the reader.</summary>
internal static class LicensesExtensions
{
    public static IServiceCollection AddLicenses(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DocumentVault(sp.GetRequiredService<Suite>(), LedgerExtensions.DataKey(sp)));
        services.AddHostedService<DocumentVaultStartup>();
        services.AddSingleton<LicenseReader>();
        return services;
    }
}
