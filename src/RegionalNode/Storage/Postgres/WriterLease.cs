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
    private readonly IDisposable? _source;

    private WriterLease(NpgsqlConnection connection, long epoch, string holder, IDisposable? source)
    {
        _connection = connection;
        Epoch = epoch;
        Holder = holder;
        _source = source;
    }

    /// <summary>This holder's fencing token.</summary>
    public long Epoch { get; }

    /// <summary>Who holds it: host, process, and what the node calls itself.</summary>
    public string Holder { get; }

    /// <summary>Takes the lease, waiting (a standby) while another node holds it; then raises the epoch.</summary>
    /// <param name="waiting">Told once, when another node holds the lease, who it is.</param>
    public static WriterLease Acquire(NpgsqlDataSource source, string holder, TimeSpan poll, Action<string> waiting, CancellationToken cancel)
    {
        var told = false;
        while (true)
        {
            if (TryAcquire(source, holder, out var active) is { } lease)
            {
                return lease;
            }
            if (!told)
            {
                waiting(active);
                told = true;
            }
            cancel.WaitHandle.WaitOne(poll);
            cancel.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Takes the lease if no node holds it, and raises the epoch; else null, with who holds it.</summary>
    public static WriterLease? TryAcquire(NpgsqlDataSource source, string holder, out string active) => TryAcquire(source, holder, null, out active);

    /// <summary>As <see cref="TryAcquire(NpgsqlDataSource, string, out string)"/> on a connection of its own to the server of
    /// <paramref name="connectionString"/>, kept until the lease is disposed: for a standby, before its database is opened.</summary>
    public static WriterLease? TryAcquire(string connectionString, string holder, out string active)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        try
        {
            return TryAcquire(source, holder, source, out active) ?? Discard(source);
        }
        catch
        {
            source.Dispose();
            throw;
        }

        static WriterLease? Discard(NpgsqlDataSource source)
        {
            source.Dispose();
            return null;
        }
    }

    private static WriterLease? TryAcquire(NpgsqlDataSource source, string holder, IDisposable? owned, out string active)
    {
        var connection = source.OpenConnection();
        try
        {
            Run(connection, """
                CREATE TABLE IF NOT EXISTS writer_lease (
                    id INTEGER PRIMARY KEY, epoch BIGINT NOT NULL, holder TEXT NOT NULL, acquired_at_ms BIGINT NOT NULL)
                """);
            if (!TryLock(connection))
            {
                active = Scalar(connection, "SELECT holder FROM writer_lease WHERE id = 1") as string ?? "another node";
                connection.Dispose();
                return null;
            }
            using var raise = new NpgsqlCommand("""
                INSERT INTO writer_lease (id, epoch, holder, acquired_at_ms) VALUES (1, 1, @holder, @at)
                ON CONFLICT (id) DO UPDATE SET epoch = writer_lease.epoch + 1, holder = excluded.holder, acquired_at_ms = excluded.acquired_at_ms
                RETURNING epoch
                """, connection);
            raise.Parameters.AddWithValue("holder", holder);
            raise.Parameters.AddWithValue("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            active = holder;
            return new WriterLease(connection, (long)raise.ExecuteScalar()!, holder, owned);
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
    public void Dispose()
    {
        _connection.Dispose();
        _source?.Dispose();
    }

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

/// <summary>A lease this process took before its database was opened (a standby that takes over, or a node that found
/// it free): the node's database holds it instead of waiting for one.</summary>
internal sealed record TakenLease(WriterLease Lease);
