using Regional.Node.Storage.Catalog;
using Regional.Node.Storage.Consent;
using Regional.Node.Storage.Federation;
using Regional.Node.Storage.Ledger;
using Regional.Node.Storage.Licenses;
using Regional.Node.Storage.Sharing;

namespace Regional.Node.Storage;

/// <summary>Where the node's data lives. The domain asks it for sessions and never for a connection, so
/// another engine plugs in by implementing this, <see cref="IStoreSession"/> and the feature stores.</summary>
/// <remarks>Thread-safe; each session it opens is not.</remarks>
internal interface IDatabase
{
    /// <summary>Opens a session on one (pooled) connection; disposing it gives the connection back.</summary>
    IStoreSession Open();

    /// <summary>A session for reads only (answering calls), kept warm between calls: its set-up ran once and
    /// its prepared statements survive, so a hot read costs its statements alone. Disposing it gives it back.
    /// Never write through it.</summary>
    IStoreSession OpenRead();
}

/// <summary>
/// One open connection to the node's database and, while <see cref="BeginWrite"/> is open, its write
/// transaction. The feature stores are views of the session: they run on its connection and inside its
/// transaction, so a command sealed into a block reads what the block's earlier commands wrote.
/// </summary>
/// <remarks>Not thread-safe: one caller at a time, as with the connection it holds. Storage failures
/// surface as <see cref="System.Data.Common.DbException"/> (the engine's own exception derives from it),
/// so the domain can tell them apart without naming an engine.</remarks>
internal interface IStoreSession : IDisposable
{
    /// <summary>Log entries, complete-subtree hashes, blocks and the key rotation index (own log and mirrors).</summary>
    ILogStore Log { get; }

    /// <summary>Caller-chosen request ids with their fingerprints and answers.</summary>
    IRequestStore Requests { get; }

    /// <summary>Licence state, history, encrypted documents, holder index and licence numbers.</summary>
    ILicenseStore Licenses { get; }

    /// <summary>The own region's consent grants and what became of them.</summary>
    IConsentStore Consent { get; }

    /// <summary>The directory of licence types of every log the node holds.</summary>
    ICatalogStore Catalog { get; }

    /// <summary>Alarms for operators, with their evidence.</summary>
    IAlarmStore Alarms { get; }

    /// <summary>The status of each mirror.</summary>
    IMirrorStore Mirrors { get; }

    /// <summary>Witness cosignatures of checkpoints, and what this node's witness last cosigned.</summary>
    ICosignatureStore Cosignatures { get; }

    /// <summary>The licence status map of every log, versioned by tree size.</summary>
    IStatusMapStore StatusMap { get; }

    /// <summary>The directory chain's sharing applications and decisions of every log the node holds.</summary>
    ISharingStore Sharing { get; }

    /// <summary>True on a standby's session, which serves reads while another node holds the writer lease: it writes
    /// nothing and migrates nothing (docs/storage.md, "Active and standby").</summary>
    bool IsReadOnly => false;

    /// <summary>Starts the session's write transaction: the write lock is taken now, not at the first write,
    /// so a writer never fails half-way for want of it; readers on other sessions go on meanwhile. Nothing
    /// is kept unless <see cref="IWriteTransaction.Commit"/> returns; disposing without it undoes all.</summary>
    /// <exception cref="InvalidOperationException">The session already has a write transaction open (nest with
    /// <see cref="IWriteTransaction.Savepoint"/>).</exception>
    IWriteTransaction BeginWrite();

    /// <summary>Runs <paramref name="work"/> in one write transaction and commits; when it throws, nothing it
    /// wrote is kept and the exception goes on.</summary>
    T WriteTransaction<T>(Func<T> work)
    {
        using var write = BeginWrite();
        var result = work();
        write.Commit();
        return result;
    }

    /// <inheritdoc cref="WriteTransaction{T}(Func{T})"/>
    void WriteTransaction(Action work)
    {
        using var write = BeginWrite();
        work();
        write.Commit();
    }

    /// <summary>Brings the schema to the version this build writes; returns it.</summary>
    /// <exception cref="InvalidOperationException">The database comes from a newer build.</exception>
    int Migrate();

    /// <summary>Whether any stored row depends on the data key (documents, holder index, keyed request
    /// fingerprints): then a missing key is a lost key, never one to make anew.</summary>
    bool DependsOnDataKey();
}
