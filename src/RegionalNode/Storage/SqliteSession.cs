using System.Data.Common;
using Microsoft.Data.Sqlite;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Storage;

/// <summary>
/// A session on the SQLite database. It is the connection (a <see cref="SqliteConnection"/>, pooled as
/// before) and every feature store at once (<see cref="ISqlStore"/>), so opening one allocates nothing
/// the bare connection did not, and no store object is made per call: VerifyLicense costs what it did.
/// </summary>
/// <remarks>Not thread-safe. Its write transaction is raw <c>BEGIN IMMEDIATE</c> (<see cref="SqliteWriteTransaction"/>):
/// the write lock up front, and commands that need no transaction object.</remarks>
internal sealed class SqliteSession(string connectionString) : SqliteConnection(connectionString), ISqlSession
{
    private SqliteWriteTransaction? _write;
    private Func<SqliteSession, bool>? _giveBack;
    private bool _idle;
    private Dictionary<string, DbCommand>? _prepared;

    /// <summary>Opens a session and runs <paramref name="setup"/> (pragmas) on it; nothing is left open when either fails.</summary>
    public static SqliteSession Connect(string connectionString, string? setup = null)
    {
        var session = new SqliteSession(connectionString);
        try
        {
            session.Open();
            if (setup is not null)
            {
                session.Execute(setup);
            }
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Set on a pooled read session: disposing it offers it back (true: taken, stays open).</summary>
    internal Func<SqliteSession, bool>? GiveBack
    {
        set => _giveBack = value;
    }

    /// <summary>Taken from the pool by a caller: disposing it gives it back once (a second dispose does nothing,
    /// so one session can never be handed to two callers).</summary>
    internal SqliteSession Rented()
    {
        _idle = false;
        return this;
    }

    public DbCommand Prepared(string sql)
    {
        _prepared ??= new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }
        return command;
    }

    /// <summary>Closes a pooled read session for good.</summary>
    internal void Retire()
    {
        _giveBack = null;
        _idle = false;
        Dispose();
    }

    public DbCommand Prepared(string sql, params ReadOnlySpan<(string Name, object? Value)> values)
    {
        var command = Prepared(sql);
        var parameters = command.Parameters;
        if (parameters.Count == 0)
        {
            foreach (var (name, value) in values)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                parameters.Add(parameter);
            }
            return command;
        }
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i].Value ?? DBNull.Value;
        }
        return command;
    }

    /// <summary>Whether SQLite has a transaction open on this connection (it may have rolled one back itself
    /// after a failed statement or commit).</summary>
    internal bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(Handle) == 0;

    public IWriteTransaction BeginWrite()
    {
        if (_write is not null)
        {
            throw new InvalidOperationException("this session's write transaction is already open: nest with a savepoint");
        }
        Execute("BEGIN IMMEDIATE");
        return _write = new SqliteWriteTransaction(this);
    }

    public int Migrate() => Migrations.Apply(this);

    public bool DependsOnDataKey() => DataKeyUse.Any(this);

    /// <summary>Runs statements that return nothing (transaction control, pragmas), prepared once per session: the
    /// writer opens and releases a savepoint per command of a block.</summary>
    internal void Execute(string sql) => Prepared(sql).ExecuteNonQuery();

    /// <summary>The write transaction ended (committed or rolled back): another may begin.</summary>
    internal void Ended(SqliteWriteTransaction write)
    {
        if (ReferenceEquals(_write, write))
        {
            _write = null;
        }
    }

    /// <summary>A session closed inside its write transaction rolls it back, so the pooled connection never
    /// goes back to the pool holding the write lock or half a block.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _idle)
        {
            return; // already back in its pool
        }
        if (disposing && _giveBack is { } giveBack && _write is null && State == System.Data.ConnectionState.Open && !InTransaction)
        {
            _idle = true;
            if (giveBack(this))
            {
                return; // a warm read session, back in its pool with its prepared statements
            }
            _idle = false;
        }
        _giveBack = null;
        if (disposing && State == System.Data.ConnectionState.Open)
        {
            _write?.Dispose();
        }
        if (disposing && _prepared is not null)
        {
            foreach (var command in _prepared.Values)
            {
                command.Dispose();
            }
            _prepared = null;
        }
        base.Dispose(disposing);
    }
}
