using Npgsql;
using Regional.Node.Storage;
using Regional.Node.Storage.Postgres;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Storage;

/// <summary>Active and standby on one PostgreSQL database: the standby waits while the active holds the writer
/// lease, takes over as soon as it is gone, and an active that lost its lease unknowingly writes nothing.</summary>
[NonParallelizable]
public class WriterLeaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private string _connectionString = null!;

    [SetUp]
    public void Create()
    {
        _connectionString = TestPostgres.CreateDatabase();
        using var database = new PostgresDatabase(_connectionString);
        using var session = database.Open();
        session.Migrate();
    }

    [TearDown]
    public void Drop() => TestPostgres.DropDatabase(_connectionString);

    [Test]
    public async Task Standby_WhileTheActiveHoldsTheLease_WaitsThenTakesOverWithANewerEpoch()
    {
        // Arrange
        var active = Open("active");
        var waited = new TaskCompletionSource<string>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // Act
        var standby = Task.Run(() => Open("standby", holder => waited.TrySetResult(holder), cancel.Token));
        var told = await waited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var stillWaiting = !standby.IsCompleted;
        var activeEpoch = active.Lease!.Epoch;
        active.Dispose(); // the active stops: its lease connection closes
        using var taken = await standby.WaitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.That(told, Does.Contain("active"));
        Assert.That(stillWaiting, Is.True, "the standby took the lease while the active held it");
        Assert.That(taken.Lease!.Epoch, Is.EqualTo(activeEpoch + 1));
    }

    [Test]
    public void WriteTransaction_AfterTheLeasePassedToAnotherNode_RefusedAndNothingWritten()
    {
        // Arrange: the active's lease connection is cut (the server terminates it) while the active lives on.
        using var active = Open("active");
        using (var admin = new NpgsqlConnection(_connectionString))
        {
            admin.Open();
            using var cut = new NpgsqlCommand(
                $"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = {WriterLease.LeaseLock & 0xFFFFFFFF} AND granted",
                admin);
            cut.ExecuteNonQuery();
        }
        using var successor = Open("successor");
        using var writer = active.Open();

        // Act
        var refused = Assert.Throws<LeaseLostException>(() => writer.WriteTransaction(() =>
            writer.Alarms.Raise("tj", "probe", "from the old active", Now)));

        // Assert
        Assert.That(refused!.Message, Does.Contain("passed to another node"));
        using var reader = successor.Open();
        Assert.That(reader.Alarms.List(), Is.Empty);
        Assert.DoesNotThrow(() => reader.WriteTransaction(() => reader.Alarms.Raise("tj", "probe", "from the successor", Now)));
    }

    [Test]
    public void TryAcquire_WhileTheActiveHoldsTheLease_NullAndNamesTheActive_ThenTakesItOnceFree()
    {
        // Arrange
        var active = Open("bj on host-a (pid 1)");

        // Act
        var whileHeld = WriterLease.TryAcquire(_connectionString, "bj on host-b (pid 2)", out var holder);
        active.Dispose();
        using var afterwards = WriterLease.TryAcquire(_connectionString, "bj on host-b (pid 2)", out _);

        // Assert
        Assert.That(whileHeld, Is.Null);
        Assert.That(holder, Is.EqualTo("bj on host-a (pid 1)"));
        Assert.That(afterwards, Is.Not.Null);
        Assert.That(afterwards!.Epoch, Is.EqualTo(2));
    }

    [Test]
    public void StandbysReadOnlyDatabase_AWrite_RefusedBeforeAndByTheServer()
    {
        // Arrange: a standby's database, while the active holds the lease.
        using var active = Open("active");
        using var standby = new PostgresDatabase(_connectionString, readOnly: true);
        using var session = standby.Open();

        // Act
        var byTheNode = Assert.Throws<InvalidOperationException>(() => session.BeginWrite());
        var byTheServer = Assert.Throws<PostgresException>(() =>
        {
            var sql = (PostgresSession)session;
            sql.Prepared("INSERT INTO alarms (region, kind, detail, raised_at_ms) VALUES ('tj', 'probe', 'x', 0)").ExecuteNonQuery();
        });

        // Assert
        Assert.That(session.IsReadOnly, Is.True);
        Assert.That(byTheNode!.Message, Does.Contain("read-only"));
        Assert.That(byTheServer!.SqlState, Is.EqualTo(PostgresErrorCodes.ReadOnlySqlTransaction));
    }

    private PostgresDatabase Open(string node, Action<string>? waiting = null, CancellationToken cancel = default) =>
        new(_connectionString, source => WriterLease.Acquire(source, node, TimeSpan.FromMilliseconds(200), waiting ?? (_ => { }), cancel));
}
