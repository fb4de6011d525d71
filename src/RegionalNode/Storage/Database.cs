using Microsoft.Data.Sqlite;

namespace Regional.Node.Storage;

/// <summary>
/// The node's one SQLite database file. Opens sessions with the pragmas the ledger relies on:
/// WAL journal (readers never block the single writer) and synchronous=FULL, so a transaction
/// that committed survives a process kill and a power cut. See docs/storage.md.
/// </summary>
internal sealed class Database : IDatabase, IDisposable
{
    private const string Pragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 30000;
        """;

    private readonly ReadSessionPool<SqliteSession> _readers;

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
        _readers = new ReadSessionPool<SqliteSession>(pool =>
        {
            var session = SqliteSession.Connect(_connectionString, Pragmas);
            session.GiveBack = pool.GiveBack;
            return session;
        }, session => session.Rented(), session => session.Retire());
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens a session on a pooled connection with the ledger's pragmas applied.</summary>
    public IStoreSession Open() => SqliteSession.Connect(_connectionString, Pragmas);

    /// <summary>A warm read session from the pool, or a new one that joins the pool when given back.</summary>
    public IStoreSession OpenRead() => _readers.Rent();

    /// <summary>Closes the warm read sessions (the node stops, or a test is done with the file).</summary>
    public void Dispose() => _readers.Close();
}
