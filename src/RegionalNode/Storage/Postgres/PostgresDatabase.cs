using Npgsql;

namespace Regional.Node.Storage.Postgres;

/// <summary>
/// The node's database on a PostgreSQL server (Storage:Engine postgres): the same tables and guarantees as the
/// SQLite file, on a server its operators replicate and back up with PostgreSQL's own tools. Sessions come from
/// Npgsql's connection pool; warm read sessions keep their prepared commands, as with SQLite. Documents reach
/// the server already encrypted (Storage/Encryption): no personal data in clear on it. See docs/storage.md.
/// </summary>
internal sealed class PostgresDatabase : IDatabase, IDisposable
{
    /// <summary>The advisory lock every ledger write holds for its transaction: one writer at a time on a database,
    /// whichever process (the active node, a standby, an operator command) it comes from.</summary>
    public const long WriterLock = 0x5245_4749_4F4E_4C47; // "REGIONLG"

    private readonly NpgsqlDataSource _source;
    private readonly WriterLease? _lease;
    private readonly ReadSessionPool<PostgresSession> _readers;
    private readonly bool _readOnly;

    /// <param name="lease">How to take the writer lease, for a node: null for a tool or test that only reads and
    /// writes what no node is writing.</param>
    /// <param name="readOnly">For a standby that serves reads while another node holds the lease: every session's
    /// transactions are read-only on the server (<c>default_transaction_read_only</c>), so nothing it runs can write.</param>
    public PostgresDatabase(string connectionString, Func<NpgsqlDataSource, WriterLease>? lease = null, bool readOnly = false)
    {
        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Statements the stores run are prepared on the server after their first uses.
            MaxAutoPrepare = Math.Max(given.MaxAutoPrepare, 256),
            AutoPrepareMinUsages = 2,
            Options = readOnly ? $"{given.Options} -c default_transaction_read_only=on".Trim() : given.Options,
        };
        _readOnly = readOnly;
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
        _readers = new ReadSessionPool<PostgresSession>(pool =>
        {
            var session = PostgresSession.Connect(_source, _lease, _readOnly);
            session.GiveBack = pool.GiveBack;
            return session;
        }, session => session.Rented(), session => session.Retire());
        try
        {
            _lease = lease?.Invoke(_source);
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    /// <summary>The writer lease this node holds, if it took one.</summary>
    public WriterLease? Lease => _lease;

    public IStoreSession Open() => PostgresSession.Connect(_source, _lease, _readOnly);

    public IStoreSession OpenRead() => _readers.Rent();

    public void Dispose()
    {
        _readers.Close();
        _lease?.Dispose();
        _source.Dispose();
    }
}
