using Npgsql;

namespace Regional.Node.Storage.Postgres;

/// <summary>
/// Active and standby (docs/storage.md, "Active and standby"): the one node process of a region that may write
/// its PostgreSQL database. Two locks make it safe:
/// <list type="bullet">
/// <item>the lease: a session-level advisory lock held on a connection of its own for the node's life. A second
/// node of the region on the same database waits for it (a standby); the server releases it the moment the
/// holder's connection ends, as when its process is killed, and the standby takes over.</item>
/// <item>the epoch, a fencing token: each holder raises <c>writer_lease.epoch</c> when it takes the lease, and
/// every write transaction checks it under the write lock. A node that lost its lease without knowing it (a
/// connection cut while it lived on) finds a newer epoch and writes nothing, so the log cannot fork.</item>
/// </list>
/// </summary>
internal sealed class WriterLease : IDisposable
{
    /// <summary>The lease's advisory lock ("REGIONLS"), beside <see cref="PostgresDatabase.WriterLock"/>.</summary>
    public const long LeaseLock = 0x5245_4749_4F4E_4C53;

    private readonly NpgsqlConnection _connection;

    private WriterLease(NpgsqlConnection connection, long epoch, string holder)
    {
        _connection = connection;
        Epoch = epoch;
        Holder = holder;
    }

    /// <summary>This holder's fencing token.</summary>
    public long Epoch { get; }

    /// <summary>Who holds it: host, process, and what the node calls itself.</summary>
    public string Holder { get; }

    /// <summary>Takes the lease, waiting (a standby) while another node holds it; then raises the epoch.</summary>
    /// <param name="waiting">Told once, when another node holds the lease, who it is.</param>
    public static WriterLease Acquire(NpgsqlDataSource source, string holder, TimeSpan poll, Action<string> waiting, CancellationToken cancel)
    {
        var connection = source.OpenConnection();
        try
        {
            Run(connection, """
                CREATE TABLE IF NOT EXISTS writer_lease (
                    id INTEGER PRIMARY KEY, epoch BIGINT NOT NULL, holder TEXT NOT NULL, acquired_at_ms BIGINT NOT NULL)
                """);
            var told = false;
            while (!TryLock(connection))
            {
                if (!told)
                {
                    waiting(Scalar(connection, "SELECT holder FROM writer_lease WHERE id = 1") as string ?? "another node");
                    told = true;
                }
                cancel.WaitHandle.WaitOne(poll);
                cancel.ThrowIfCancellationRequested();
            }
            using var raise = new NpgsqlCommand("""
                INSERT INTO writer_lease (id, epoch, holder, acquired_at_ms) VALUES (1, 1, @holder, @at)
                ON CONFLICT (id) DO UPDATE SET epoch = writer_lease.epoch + 1, holder = excluded.holder, acquired_at_ms = excluded.acquired_at_ms
                RETURNING epoch
                """, connection);
            raise.Parameters.AddWithValue("holder", holder);
            raise.Parameters.AddWithValue("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            return new WriterLease(connection, (long)raise.ExecuteScalar()!, holder);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Checks, inside a write transaction that holds the write lock, that no node took the lease since.</summary>
    /// <exception cref="LeaseLostException">Another node holds a newer epoch.</exception>
    public void CheckStillHeld(PostgresSession session)
    {
        var current = session.Prepared("SELECT epoch FROM writer_lease WHERE id = 1").ExecuteScalar() as long?;
        if (current != Epoch)
        {
            throw new LeaseLostException($"the writer lease of this database passed to another node (epoch {current}, this node's {Epoch}): "
                + "this node writes nothing more; stop it, or restart it as the standby");
        }
    }

    /// <summary>Gives the lease back (the node stops): a standby takes over at once.</summary>
    public void Dispose() => _connection.Dispose();

    private static bool TryLock(NpgsqlConnection connection) =>
        Scalar(connection, $"SELECT pg_try_advisory_lock({LeaseLock})") is true;

    private static object? Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    private static void Run(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A write refused because this node no longer holds the writer lease (<see cref="WriterLease"/>).</summary>
internal sealed class LeaseLostException(string message) : InvalidOperationException(message);
