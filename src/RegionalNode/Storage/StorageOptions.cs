using Microsoft.Extensions.Options;
using Regional.Node.Errors;
using Regional.Node.Storage.Postgres;

namespace Regional.Node.Storage;

/// <summary>Where the node keeps its database (docs/storage.md): the embedded SQLite file in its data folder (the
/// default), or a PostgreSQL server. Configuration section "Storage" (REGIONAL_Storage__Engine, ...).</summary>
internal sealed partial class StorageOptions
{
    public const string Section = "Storage";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary><c>sqlite</c> (default): ledger.db in Node:DataDirectory. <c>postgres</c>: the server of
    /// <see cref="ConnectionString"/>.</summary>
    public string Engine { get; set; } = Sqlite;

    /// <summary>For <c>postgres</c>: an Npgsql connection string ("Host=...;Database=...;Username=...;Password=..."),
    /// best from the environment (REGIONAL_Storage__ConnectionString) so the password stays out of files. Never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether the node's data lives on PostgreSQL.</summary>
    public bool IsPostgres => Engine == Postgres;

    /// <summary>Opens the configured engine's database; on PostgreSQL, a node first takes the writer lease
    /// (<paramref name="lease"/>), which a standby waits for.</summary>
    /// <exception cref="NodeStartupException">An unknown engine, or postgres without a connection string.</exception>
    public IDatabase Open(string dataDirectory, Func<Npgsql.NpgsqlDataSource, WriterLease>? lease = null) => Engine switch
    {
        Sqlite => new Database(Path.Combine(dataDirectory, Database.FileName)),
        Postgres when !string.IsNullOrWhiteSpace(ConnectionString) => new PostgresDatabase(ConnectionString, lease),
        Postgres => throw new NodeStartupException(
            "Storage:ConnectionString: empty, want an Npgsql connection string for Storage:Engine postgres (REGIONAL_Storage__ConnectionString)"),
        _ => throw new NodeStartupException($"Storage:Engine: got '{FieldViolations.Quote(Engine)}', want {Sqlite} or {Postgres}"),
    };

    /// <summary>The registered options' database, for the node named <paramref name="node"/>: on PostgreSQL it holds the
    /// writer lease from here on, and a standby waits here, before any state is read, until the active node is gone.</summary>
    public static IDatabase Open(IServiceProvider services, string dataDirectory, string node)
    {
        var logger = services.GetRequiredService<ILogger<StorageOptions>>();
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var holder = Holder(node);
        var taken = services.GetService<TakenLease>()?.Lease;
        return services.GetRequiredService<IOptions<StorageOptions>>().Value.Open(dataDirectory, source =>
        {
            var lease = taken ?? WriterLease.Acquire(source, holder, TimeSpan.FromSeconds(1), active => LogStandby(logger, FieldViolations.Quote(active)), stopping);
            LogActive(logger, lease.Epoch);
            return lease;
        });
    }

    /// <summary>How a node names itself in the writer lease: what it is, where and which process.</summary>
    public static string Holder(string node) => $"{node} on {Environment.MachineName} (pid {Environment.ProcessId})";

    [LoggerMessage(901, LogLevel.Warning, "Standby: {Active} holds the writer lease of this database; waiting to take over")]
    private static partial void LogStandby(ILogger logger, string active);

    [LoggerMessage(902, LogLevel.Information, "Holding the writer lease of this database (epoch {Epoch})")]
    private static partial void LogActive(ILogger logger, long epoch);
}
