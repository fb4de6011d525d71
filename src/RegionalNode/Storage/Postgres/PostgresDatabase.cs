using System.Collections.Concurrent;
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

    private static readonly int ReadPoolSize = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly NpgsqlDataSource _source;
    private readonly WriterLease? _lease;
    private readonly ConcurrentBag<PostgresSession> _readers = [];
    private int _idle;
    private volatile bool _disposed;

    /// <param name="lease">How to take the writer lease, for a node: null for a tool or test that only reads and
    /// writes what no node is writing.</param>
    public PostgresDatabase(string connectionString, Func<NpgsqlDataSource, WriterLease>? lease = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Statements the stores run are prepared on the server after their first uses.
            MaxAutoPrepare = Math.Max(new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare, 256),
            AutoPrepareMinUsages = 2,
        };
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
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

    public IStoreSession Open() => PostgresSession.Connect(_source, _lease);

    public IStoreSession OpenRead()
    {
        if (_readers.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idle);
            return session.Rented();
        }
        session = PostgresSession.Connect(_source, _lease);
        session.GiveBack = GiveBack;
        return session;
    }

    private bool GiveBack(PostgresSession session)
    {
        if (_disposed || Interlocked.Increment(ref _idle) > ReadPoolSize)
        {
            Interlocked.Decrement(ref _idle);
            return false;
        }
        _readers.Add(session);
        if (_disposed && _readers.TryTake(out var late))
        {
            Interlocked.Decrement(ref _idle);
            late.Retire();
        }
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idle);
            session.Retire();
        }
        _lease?.Dispose();
        _source.Dispose();
    }
}
