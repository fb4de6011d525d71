using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Catalog;
using Regional.Node.Hosting;
using Regional.Node.Licenses;
using Regional.Node.Operations;
using Regional.Node.Services;
using Regional.Node.Storage;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Ledger;

/// <summary>Registers the own log (storage, writer, reader), the licence domain and their services.</summary>
internal static class LedgerExtensions
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton(sp => new Database(Path.Combine(Options(sp).DataDirectory!, "ledger.db")));
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            using var connection = sp.GetRequiredService<Database>().Open();
            return OwnLog.Open(connection, sp.GetRequiredService<Suite>(), options.Region!, options.Origin!);
        });
        services.AddSingleton(sp => NoteSigner.Create(Options(sp).Origin!, sp.GetRequiredService<PrivateKey>()));
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new BlockSealer(sp.GetRequiredService<Suite>(), options.Region!, options.Origin!, sp.GetRequiredService<NoteSigner>(), options.MaxBlockBytes);
        });
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new NodeIdentity(options.Region!, options.DisplayName!, options.Origin!, sp.GetRequiredService<NoteSigner>().Verifier.VerifierKey);
        });
        services.AddOwnLogGuard(); // first: the data folder's lock, and no sealing before peers were asked
        services.AddHostedService<LedgerStartup>();
        services.AddSingleton<LedgerWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerWriter>());
        services.AddSingleton<LogReader>();
        services.AddSingleton(sp => new DocumentVault(
            sp.GetRequiredService<Suite>(),
            DataKeyFile.LoadOrCreate(Path.Combine(Options(sp).DataDirectory!, "keys", "data.key"))));
        services.AddSingleton<LicenseReader>();
        services.AddSingleton<Federation.Relay.LicenseRelay>();
        services.AddSingleton<Consent.ContentAccess>();
        services.AddHostedService<StarterCatalogLoader>();
        return services;
    }

    public static WebApplication MapLedger(this WebApplication app)
    {
        app.MapGrpcService<LicenseGrpcService>();
        app.MapGrpcService<LedgerGrpcService>();
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<ConsentGrpcService>();
        return app;
    }

    private static NodeOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<NodeOptions>>().Value;
}
