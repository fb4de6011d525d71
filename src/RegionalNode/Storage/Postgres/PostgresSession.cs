using System.Data;
using System.Data.Common;
using Npgsql;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Storage.Postgres;

/// <summary>
/// A session on the PostgreSQL database: one pooled connection, and every feature store at once (the same
/// <see cref="ISqlStore"/> SQL as SQLite's). Values cross as PostgreSQL has them: unsigned integers as BIGINT
/// (checked), booleans as 0/1 like SQLite's, blobs as BYTEA.
/// </summary>
/// <remarks>Not thread-safe. Its write transaction (<see cref="PostgresWriteTransaction"/>) takes the ledger's
/// advisory lock first, so one writer at a time writes the ledger, across every process on the database, and
/// then checks that the node still holds the writer lease (<see cref="WriterLease"/>).</remarks>
internal sealed class PostgresSession : ISqlSession
{
    private readonly NpgsqlConnection _connection;
    private readonly WriterLease? _lease;
    private readonly Dictionary<string, NpgsqlCommand> _prepared = new(StringComparer.Ordinal);
    private PostgresWriteTransaction? _write;
    private Func<PostgresSession, bool>? _giveBack;
    private bool _idle;

    private PostgresSession(NpgsqlConnection connection, WriterLease? lease, bool readOnly)
    {
        _connection = connection;
        _lease = lease;
        IsReadOnly = readOnly;
    }

    /// <summary>Opens a session on a connection of <paramref name="source"/>; its writes check <paramref name="lease"/>.</summary>
    /// <param name="readOnly">The source's connections are read-only on the server (a standby's).</param>
    public static PostgresSession Connect(NpgsqlDataSource source, WriterLease? lease = null, bool readOnly = false) =>
        new(source.OpenConnection(), lease, readOnly);

    public bool IsReadOnly { get; }

    /// <summary>Set on a pooled read session: disposing it offers it back (true: taken, stays open).</summary>
    internal Func<PostgresSession, bool>? GiveBack
    {
        set => _giveBack = value;
    }

    /// <summary>Taken from the pool by a caller: disposing it gives it back once.</summary>
    internal PostgresSession Rented()
    {
        _idle = false;
        return this;
    }

    /// <summary>Closes a pooled read session for good.</summary>
    internal void Retire()
    {
        _giveBack = null;
        _idle = false;
        Dispose();
    }

    internal NpgsqlConnection Connection => _connection;

    public DbCommand Prepared(string sql)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }
        return command;
    }

    public DbCommand Prepared(string sql, params ReadOnlySpan<(string Name, object? Value)> values)
    {
        var command = (NpgsqlCommand)Prepared(sql);
        var parameters = command.Parameters;
        if (parameters.Count == 0)
        {
            foreach (var (name, value) in values)
            {
                parameters.Add(new NpgsqlParameter(name, Value(value)));
            }
            return command;
        }
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = Value(values[i].Value);
        }
        return command;
    }

    /// <summary>A CLR value as PostgreSQL stores it: no unsigned types there, and booleans are 0/1 as in SQLite.</summary>
    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        uint u => (long)u,
        ulong u => checked((long)u),
        bool b => b ? 1L : 0L,
        _ => value,
    };

    public IWriteTransaction BeginWrite()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("this is a standby's read-only session: only the node that holds the writer lease writes");
        }
        if (_write is not null)
        {
            throw new InvalidOperationException("this session's write transaction is already open: nest with a savepoint");
        }
        Execute("BEGIN");
        try
        {
            Prepared("SELECT pg_advisory_xact_lock(@key)", ("@key", PostgresDatabase.WriterLock)).ExecuteNonQuery();
            _lease?.CheckStillHeld(this);
        }
        catch
        {
            Execute("ROLLBACK");
            throw;
        }
        return _write = new PostgresWriteTransaction(this);
    }

    public int Migrate() => PostgresMigrations.Apply(this);

    public bool DependsOnDataKey() => DataKeyUse.Any(this);

    /// <summary>Runs statements that return nothing (transaction control, schema), prepared once per session.</summary>
    internal void Execute(string sql) => Prepared(sql).ExecuteNonQuery();

    /// <summary>The write transaction ended: another may begin.</summary>
    internal void Ended(PostgresWriteTransaction write)
    {
        if (ReferenceEquals(_write, write))
        {
            _write = null;
        }
    }

    /// <summary>Closes the session: a write transaction still open is rolled back, and a pooled read session goes
    /// back to its pool with its prepared commands.</summary>
    public void Dispose()
    {
        if (_idle)
        {
            return;
        }
        if (_giveBack is { } giveBack && _write is null && _connection.State == ConnectionState.Open)
        {
            _idle = true;
            if (giveBack(this))
            {
                return;
            }
            _idle = false;
        }
        _giveBack = null;
        if (_connection.State == ConnectionState.Open)
        {
            _write?.Dispose();
        }
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }
        _prepared.Clear();
        _connection.Dispose();
    }
}
