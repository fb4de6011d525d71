using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Regional.Node.Benchmarks;

/// <summary>
/// The storage floor of issuance: one row per licence, as large as its log entry plus its encrypted
/// document, inserted in transactions of the node's observed block size, in a WAL database with
/// synchronous=FULL (the node's own pragmas), so each transaction ends with an fsync like a block.
/// </summary>
internal static class SqliteFloor
{
    /// <summary>Average stored bytes of a LicenseIssued entry and of an encrypted document, read
    /// from a node's database (after the node stopped).</summary>
    public static (double Entry, double Document) MeasureRowSizes(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT (SELECT avg(length(e.entry)) FROM entries e JOIN licenses l ON l.document_leaf = e.leaf_index AND l.log_id = e.log_id),
                   (SELECT avg(length(sealed)) FROM documents)
            """;
        using var reader = query.ExecuteReader();
        reader.Read();
        return (reader.GetDouble(0), reader.GetDouble(1));
    }

    /// <summary>Inserts rows of <paramref name="rowBytes"/> in batches for the duration; rows/s.</summary>
    public static (double RowsPerSecond, long Rows) Run(int batchSize, int rowBytes, TimeSpan duration) => Insert(batchSize, rowBytes, duration, long.MaxValue);

    /// <summary>Inserts exactly <paramref name="count"/> rows of <paramref name="rowBytes"/> in batches (the last one
    /// may be smaller): the same rows a run of the node stored; rows/s.</summary>
    public static (double RowsPerSecond, long Rows) Run(int batchSize, int rowBytes, long count) => Insert(batchSize, rowBytes, TimeSpan.MaxValue, count);

    private static (double RowsPerSecond, long Rows) Insert(int batchSize, int rowBytes, TimeSpan duration, long count)
    {
        var path = Path.Combine(Path.GetTempPath(), "regional-bench", $"floor-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            Execute(connection, "CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
            var body = new byte[rowBytes];
            Random.Shared.NextBytes(body);
            long rows = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration && rows < count)
            {
                using var transaction = connection.BeginTransaction();
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO rows (id, body) VALUES ($id, $body)";
                var id = insert.Parameters.Add("$id", SqliteType.Integer);
                insert.Parameters.AddWithValue("$body", body);
                for (var i = 0; i < batchSize && rows < count; i++)
                {
                    id.Value = ++rows;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return (rows / clock.Elapsed.TotalSeconds, rows);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    public static string Describe(int batchSize, int rowBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"raw SQLite insert, WAL, synchronous=FULL, {batchSize} rows of {rowBytes} B per transaction");

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
