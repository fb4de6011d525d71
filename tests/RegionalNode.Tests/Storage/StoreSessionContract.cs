using Regional.LicenseVerifier.StatusMap;
using Regional.Node.Storage;

namespace Regional.Node.Tests.Storage;

/// <summary>
/// What every storage engine's sessions must do for the ledger (docs/storage.md, "Storage seam"): one write
/// transaction that takes the write lock up front while readers go on, keeps everything or nothing, and
/// savepoints that undo one command alone. Subclassed per engine; the alarms table serves as the probe.
/// </summary>
public abstract partial class StoreSessionContract
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private IDatabase _database = null!;

    /// <summary>A new, empty, migrated database of the engine under test.</summary>
    private protected abstract IDatabase CreateDatabase();

    /// <summary>Drops what <see cref="CreateDatabase"/> made.</summary>
    private protected abstract void DeleteDatabase();

    [SetUp]
    public void Create() => _database = CreateDatabase();

    [TearDown]
    public void Delete()
    {
        (_database as IDisposable)?.Dispose(); // closes the warm read sessions
        DeleteDatabase();
    }

    [Test]
    public void WriteTransaction_Committed_KeptAndSeenByOtherSessions()
    {
        using var writer = _database.Open();

        writer.WriteTransaction(() => Raise(writer, "a"));
        writer.WriteTransaction(() => Raise(writer, "b")); // the session writes again after a commit

        Assert.That(Details(), Is.EqualTo(new[] { "b", "a" }));
    }

    [Test]
    public void BeginWrite_DisposedWithoutCommit_NothingKept()
    {
        using var writer = _database.Open();

        using (writer.BeginWrite())
        {
            Raise(writer, "a");
            Assert.That(writer.Alarms.List(), Has.Count.EqualTo(1), "the writer reads its own uncommitted writes");
        }

        Assert.That(Details(), Is.Empty);
    }

    [Test]
    public void WriteTransaction_WorkThrows_NothingKeptAndTheErrorGoesOn()
    {
        using var writer = _database.Open();

        var error = Assert.Throws<InvalidOperationException>(() => writer.WriteTransaction(() =>
        {
            Raise(writer, "a");
            throw new InvalidOperationException("refused");
        }));

        Assert.That(error!.Message, Is.EqualTo("refused"));
        Assert.That(Details(), Is.Empty);
        writer.WriteTransaction(() => Raise(writer, "b"));
        Assert.That(Details(), Is.EqualTo(new[] { "b" }), "the session writes again after a rollback");
    }

    [Test]
    public void Savepoint_RolledBack_OnlyItsWritesUndoneAndTheTransactionGoesOn()
    {
        using var writer = _database.Open();

        using (var write = writer.BeginWrite())
        {
            Raise(writer, "kept");
            using (var refused = write.Savepoint())
            {
                Raise(writer, "refused");
                refused.Rollback();
            }
            using (var accepted = write.Savepoint())
            {
                Raise(writer, "accepted");
                accepted.Release();
            }
            using (write.Savepoint())
            {
                Raise(writer, "undecided");
            }
            write.Commit();
        }

        Assert.That(Details(), Is.EqualTo(new[] { "accepted", "kept" }));
    }

    [Test]
    public void OpenRead_WarmSessionAfterAnotherSessionCommits_SeesTheCommit()
    {
        // Arrange: a warm read session that has read before (its statements prepared and kept).
        using (var warm = _database.OpenRead())
        {
            Assert.That(warm.Alarms.List(), Is.Empty);
        }
        using var writer = _database.Open();

        // Act
        writer.WriteTransaction(() => Raise(writer, "a"));
        using var again = _database.OpenRead();

        // Assert: no snapshot of before the commit survives in the pool
        Assert.That(again.Alarms.List().Select(a => a.Detail), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void OpenRead_SessionDisposedTwice_NeverHandedToTwoCallers()
    {
        // Arrange
        var first = _database.OpenRead();
        first.Dispose();
        first.Dispose();

        // Act
        using var a = _database.OpenRead();
        using var b = _database.OpenRead();

        // Assert
        Assert.That(a, Is.Not.SameAs(b));
    }

    [Test]
    public void BeginWrite_AlreadyOpen_Refused()
    {
        using var writer = _database.Open();
        using var write = writer.BeginWrite();

        Assert.Throws<InvalidOperationException>(() => writer.BeginWrite());
    }

    [Test]
    public void BeginWrite_AnotherSessionHoldsTheWriteLock_WaitsForItsCommit()
    {
        using var first = _database.Open();
        using var second = _database.Open();
        var write = first.BeginWrite(); // takes the lock though it has written nothing yet

        var waiting = Task.Run(() => second.WriteTransaction(() => Raise(second, "second")));
        var finishedEarly = waiting.Wait(TimeSpan.FromMilliseconds(300));
        Raise(first, "first");
        write.Commit();
        write.Dispose();
        waiting.Wait(TimeSpan.FromSeconds(20));

        Assert.That(finishedEarly, Is.False, "a second writer must wait for the first one's transaction");
        Assert.That(waiting.IsCompletedSuccessfully, Is.True);
        Assert.That(Details(), Is.EqualTo(new[] { "second", "first" }));
    }

    [Test]
    public void Read_WhileAnotherSessionWrites_GoesOnAndSeesOnlyWhatWasCommitted()
    {
        using var writer = _database.Open();
        writer.WriteTransaction(() => Raise(writer, "committed"));

        using var write = writer.BeginWrite();
        Raise(writer, "pending");
        var seen = Task.Run(Details);

        Assert.That(seen.Wait(TimeSpan.FromSeconds(5)), Is.True, "a reader must not wait for the writer");
        Assert.That(seen.Result, Is.EqualTo(new[] { "committed" }));
    }

    [Test]
    public void Session_DisposedInsideWriteTransaction_RolledBack()
    {
        var writer = _database.Open();
        writer.BeginWrite();
        Raise(writer, "a");

        writer.Dispose();

        Assert.That(Details(), Is.Empty);
        using var next = _database.Open();
        next.WriteTransaction(() => Raise(next, "b")); // the connection went back to the pool without the lock
        Assert.That(Details(), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void StatusMap_NodeVersions_ReadAsOfEachSizeAndChildrenAtOnce()
    {
        using var writer = _database.Open();
        var log = writer.WriteTransaction(() => writer.Log.EnsureLog("regional.example/bj", "bj", isOwn: true));
        var root = MapPosition.Root;
        var (left, right) = (root.Child(0), root.Child(1));
        var leaf = new MapNode(Hash(1), Hash(2), [0x01, 0x02]);
        writer.WriteTransaction(() => writer.StatusMap.InsertMapNodes(log, 4, [(root, leaf)]));
        writer.WriteTransaction(() => writer.StatusMap.InsertMapNodes(log, 9, [(root, new MapNode(Hash(3))), (left, leaf), (right, new MapNode(Hash(4), Hash(5), [0x03]))]));

        using var reader = _database.Open();
        Assert.Multiple(() =>
        {
            Assert.That(reader.StatusMap.FindMapNode(log, root, 3), Is.Null, "nothing before the first version");
            Assert.That(reader.StatusMap.FindMapNode(log, root, 4)!.LeafValue, Is.EqualTo(new byte[] { 0x01, 0x02 }));
            Assert.That(reader.StatusMap.FindMapNode(log, root, 8)!.IsLeaf, Is.True, "the newest version at or below the size");
            Assert.That(reader.StatusMap.FindMapNode(log, root, 9)!.Hash, Is.EqualTo(Hash(3)));
            Assert.That(reader.StatusMap.FindMapNode(log, root, ulong.MaxValue)!.IsLeaf, Is.False);
            Assert.That(reader.StatusMap.FindMapChildren(log, root, 8), Is.EqualTo(((MapNode?)null, (MapNode?)null)));
            var (l, r) = reader.StatusMap.FindMapChildren(log, root, 9);
            Assert.That((l!.Hash, r!.LeafKey), Is.EqualTo((Hash(1), Hash(5))));
            Assert.That(reader.StatusMap.CountMapNodes(log), Is.EqualTo(4));
        });
    }

    [Test]
    public void StatusMap_InsertedInARolledBackTransaction_NotKept()
    {
        using var writer = _database.Open();
        var log = writer.WriteTransaction(() => writer.Log.EnsureLog("regional.example/bj", "bj", isOwn: true));

        using (writer.BeginWrite())
        {
            writer.StatusMap.InsertMapNodes(log, 4, [(MapPosition.Root, new MapNode(Hash(1)))]);
            Assert.That(writer.StatusMap.FindMapNode(log, MapPosition.Root, 4), Is.Not.Null, "the writer reads its own uncommitted nodes");
        }

        Assert.That(writer.StatusMap.FindMapNode(log, MapPosition.Root, 4), Is.Null);
    }

    private static byte[] Hash(byte value) => Enumerable.Repeat(value, 32).ToArray();

    private static void Raise(IStoreSession session, string detail) => session.Alarms.Raise("tj", "probe", detail, Now);

    /// <summary>The committed alarms' details, newest first, read on a session of its own.</summary>
    private List<string> Details()
    {
        using var reader = _database.Open();
        return [.. reader.Alarms.List().Select(a => a.Detail)];
    }
}
