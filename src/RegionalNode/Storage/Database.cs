using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Regional.Node.Storage;

/// <summary>
/// The node's one SQLite database file. Opens sessions with the pragmas the ledger relies on:
/// WAL journal (readers never block the single writer) and synchronous=FULL, so a transaction
/// that committed survives a process kill and a power cut. See docs/storage.md.
/// </summary>
internal sealed class Database : IDatabase, IDisposable
{
    /// <summary>Warm read sessions kept at most: one per request thread on a small machine, a few to spare.</summary>
    private static readonly int ReadPoolSize = Math.Max(8, 4 * Environment.ProcessorCount);

    private const string Pragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 30000;
        """;

    private readonly ConcurrentBag<SqliteSession> _readers = [];
    private int _idle;
    private volatile bool _disposed;

    /// <summary>The database file's name in a data folder.</summary>
    public const string FileName = "ledger.db";

    private readonly string _connectionString;

    public Database(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens a session on a pooled connection with the ledger's pragmas applied.</summary>
    public IStoreSession Open() => SqliteSession.Connect(_connectionString, Pragmas);

    /// <summary>A warm read session from the pool, or a new one that joins the pool when given back.</summary>
    public IStoreSession OpenRead()
    {
        if (_readers.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idle);
            return session.Rented();
        }
        session = SqliteSession.Connect(_connectionString, Pragmas);
        session.GiveBack = GiveBack;
        return session;
    }

    /// <summary>Takes a read session back unless the pool is full or closed (then the session closes).</summary>
    private bool GiveBack(SqliteSession session)
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

    /// <summary>Closes the warm read sessions (the node stops, or a test is done with the file).</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idle);
            session.Retire();
        }
    }
}
