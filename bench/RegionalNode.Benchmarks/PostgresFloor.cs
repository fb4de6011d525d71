using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Regional.Node.Benchmarks;

/// <summary>
/// The nodes on PostgreSQL (`--postgres CONNECTION`, a server's maintenance database): a fresh database per node
/// process, and the storage floor on the same server: rows as large as a licence's entry plus its encrypted
/// document, inserted in transactions of the node's observed block size, each one committed (synchronous_commit
/// on: the WAL flushed), as a block is. The twin of <see cref="SqliteFloor"/>.
/// </summary>
internal static class PostgresFloor
{
    /// <summary>A new empty database on the server; its connection string.</summary>
    public static string CreateDatabase(string server)
    {
        var name = $"regional_bench_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void DropDatabase(string server, string database)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database).Database} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>Average stored bytes of a LicenseIssued entry and of an encrypted document in a node's database.</summary>
    public static (double Entry, double Document) MeasureRowSizes(string database)
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var query = new NpgsqlCommand("""
            SELECT (SELECT avg(length(e.entry)) FROM entries e JOIN licenses l ON l.document_leaf = e.leaf_index AND l.log_id = e.log_id)::float8,
                   coalesce((SELECT avg(length(sealed)) FROM documents), 0)::float8
            """, connection);
        using var reader = query.ExecuteReader();
        reader.Read();
        return (reader.GetDouble(0), reader.GetDouble(1));
    }

    /// <summary>Inserts rows of <paramref name="rowBytes"/> in batches for the duration, on a database of its own; rows/s.</summary>
    public static (double RowsPerSecond, long Rows) Run(string server, int batchSize, int rowBytes, TimeSpan duration)
    {
        var database = CreateDatabase(server);
        try
        {
            using var connection = new NpgsqlConnection(database);
            connection.Open();
            using (var table = new NpgsqlCommand("CREATE TABLE rows (id BIGINT PRIMARY KEY, body BYTEA NOT NULL)", connection))
            {
                table.ExecuteNonQuery();
            }
            var body = new byte[rowBytes];
            Random.Shared.NextBytes(body);
            using var insert = new NpgsqlCommand("INSERT INTO rows (id, body) VALUES (@id, @body)", connection);
            var id = new NpgsqlParameter<long>("id", 0L);
            insert.Parameters.Add(id);
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("body", body));
            insert.Prepare();
            long rows = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                using var transaction = connection.BeginTransaction();
                for (var i = 0; i < batchSize; i++)
                {
                    id.TypedValue = ++rows;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return (rows / clock.Elapsed.TotalSeconds, rows);
        }
        finally
        {
            DropDatabase(server, database);
        }
    }

    public static string Describe(int batchSize, int rowBytes) =>
        string.Create(CultureInfo.InvariantCulture, $"raw PostgreSQL insert (prepared, one round trip a row), {batchSize} rows of {rowBytes} B per committed transaction");
}

/// <summary>The floor of whichever engine the run's nodes use (`--postgres` or the default SQLite).</summary>
internal static class StorageFloor
{
    public static (double Entry, double Document) MeasureRowSizes(NodeProcess node) =>
        node.PostgresDatabase is { } database ? PostgresFloor.MeasureRowSizes(database) : SqliteFloor.MeasureRowSizes(node.DatabasePath);

    public static (double RowsPerSecond, long Rows) Run(Arguments arguments, int batchSize, int rowBytes, TimeSpan duration) =>
        arguments.Text("postgres") is { } server ? PostgresFloor.Run(server, batchSize, rowBytes, duration) : SqliteFloor.Run(batchSize, rowBytes, duration);

    public static string Describe(Arguments arguments, int batchSize, int rowBytes) =>
        arguments.Text("postgres") is not null ? PostgresFloor.Describe(batchSize, rowBytes) : SqliteFloor.Describe(batchSize, rowBytes);
}
