using Microsoft.Data.Sqlite;

namespace Regional.Node.Storage.Operations;

/// <summary>
/// A database file as the operator commands (backup, verify, restore) handle it, apart from a running
/// node's <see cref="Database"/>: opened without pooling, so the file is let go at once, and without the
/// node's pragmas, so opening never writes to it.
/// </summary>
internal static class DatabaseFile
{
    /// <summary>Opens a live database read-only (a running node may be writing it: WAL readers see one
    /// committed snapshot per read transaction).</summary>
    public static IStoreSession OpenReadOnly(string path) => Open(new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30,
    });

    /// <summary>Opens a database file read-only and immutable: SQLite writes nothing beside it, not
    /// even a WAL or shared-memory file. Only for files no process is writing (a backup's copy).</summary>
    public static IStoreSession OpenImmutable(string path)
    {
        var uri = System.IO.Path.GetFullPath(path).Replace("%", "%25", StringComparison.Ordinal)
            .Replace("?", "%3f", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal);
        return Open(new SqliteConnectionStringBuilder { DataSource = $"file:{uri}?immutable=1", Mode = SqliteOpenMode.ReadOnly, Pooling = false });
    }

    /// <summary>Copies a live database with SQLite's online backup API in one step, which reads one snapshot
    /// under a read transaction (WAL: the writer goes on meanwhile), so the copy is a committed state, never
    /// half a block.</summary>
    public static void Copy(string source, string destination)
    {
        using var from = (SqliteSession)OpenReadOnly(source);
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        to.Open();
        from.BackupDatabase(to);
    }

    private static SqliteSession Open(SqliteConnectionStringBuilder builder) => SqliteSession.Connect(builder.ToString());
}
