using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Storage;
using Regional.Node.Storage.Encryption;
using Regional.Node.Configuration;
using Regional.Node.Errors;

namespace Regional.Node.Ledger;

/// <summary>Registers the own log: its database, signing, sealing, the single writer and the reader. Register the
/// sealing guard (<see cref="ISealingGuard"/>) before it, so the data folder is locked first.</summary>
internal static class LedgerExtensions
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddSingleton(sp => StorageOptions.Open(sp, Options(sp).DataDirectory!, Options(sp).NodeName));
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            using var session = sp.GetRequiredService<IDatabase>().Open();
            return OwnLog.Open(session, sp.GetRequiredService<Suite>(), options.Region!, options.Origin!);
        });
        services.AddSingleton(sp => NoteSigner.Create(Options(sp).Origin!, sp.GetRequiredService<PrivateKey>()));
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new BlockSealer(sp.GetRequiredService<Suite>(), options.Region!, options.Origin!, sp.GetRequiredService<NoteSigner>(), options.MaxBlockBytes,
                sp.GetRequiredService<RequestFingerprint>());
        });
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new NodeIdentity(options.Region!, options.DisplayName!, options.Origin!, sp.GetRequiredService<NoteSigner>().Verifier.VerifierKey);
        });
        services.AddHostedService<LedgerStartup>();
        services.AddSingleton<LedgerWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerWriter>());
        services.AddSingleton<ProofCache>();
        services.AddSingleton<LogReader>();
        services.AddSingleton<LedgerQueries>();
        services.AddSingleton(sp => new RequestFingerprint(sp.GetRequiredService<Suite>(), DataKey(sp)));
        return services;
    }


    /// <summary>The data key (keys/data.key): created on the first start, but never in place of a lost
    /// one: when the database already holds what depends on it (<see cref="IStoreSession.DependsOnDataKey"/>), a missing
    /// file stops start-up with what to do.</summary>
    /// <exception cref="NodeStartupException">The file is missing though the database needs it.</exception>
    internal static byte[] DataKey(IServiceProvider services)
    {
        var path = Path.Combine(Options(services).DataDirectory!, "keys", "data.key");
        if (!File.Exists(path))
        {
            _ = services.GetRequiredService<OwnLog>(); // the schema is migrated before it is read
            using var session = services.GetRequiredService<IDatabase>().Open();
            if (session.DependsOnDataKey())
            {
                throw new NodeStartupException($"data key {path}: missing, but {Database.FileName} holds documents, holder index or request "
                    + "fingerprints made with it, and a new key would open none of them: put the region's data key back (restore --keys <key-store>, "
                    + "see docs/operations.md) before starting the node");
            }
        }
        return DataKeyFile.LoadOrCreate(path);
    }

    private static NodeOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<NodeOptions>>().Value;
}
