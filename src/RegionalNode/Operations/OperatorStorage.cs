using Regional.Node.Configuration;
using Regional.Node.Errors;
using Regional.Node.Storage;
using Regional.Node.Storage.Postgres;

namespace Regional.Node.Operations;

/// <summary>Where an operator command finds the node's database: the node's own configuration (appsettings.json, then
/// the REGIONAL_* environment, as when it starts), so a command run beside the node opens what the node opens.</summary>
internal static class OperatorStorage
{
    /// <summary>The node's "Storage" section.</summary>
    public static StorageOptions Configured(IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder().AddNodeConfiguration([]).Build();
        return configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
    }

    /// <summary>Opens the database to write it with the node stopped: on PostgreSQL, with the writer lease, which no
    /// node of the region (active or standby) may hold meanwhile.</summary>
    /// <exception cref="NodeStartupException">A node holds the lease, or the configuration is incomplete.</exception>
    public static IDatabase OpenForWriting(StorageOptions storage, string data, string command) =>
        storage.Open(data, source => WriterLease.TryAcquire(source, StorageOptions.Holder($"{command} (operator command)"), out var active)
            ?? throw new NodeStartupException($"{FieldViolations.Quote(active)} holds the writer lease of the database: stop the region's nodes "
                + "(the active and any standby) first"));
}
