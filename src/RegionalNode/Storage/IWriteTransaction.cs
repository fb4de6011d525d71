namespace Regional.Node.Storage;

/// <summary>
/// A session's write transaction (<see cref="IStoreSession.BeginWrite"/>): everything written through the
/// session until <see cref="Commit"/> returns is kept together or not at all. Disposing it uncommitted
/// (an exception, a refused block) rolls it all back, so a failure never leaves part of it behind.
/// </summary>
/// <remarks>Not thread-safe. Callers answer their own callers only after <see cref="Commit"/> returns
/// (docs/storage.md, "Crash safety").</remarks>
internal interface IWriteTransaction : IDisposable
{
    /// <summary>Makes everything written durable (the engine's commit, fsynced); the transaction ends.</summary>
    /// <exception cref="System.Data.Common.DbException">The commit failed: dispose the transaction, nothing is kept.</exception>
    void Commit();

    /// <summary>Marks the current point, so the writes after it can be undone alone (<see cref="ISavepoint.Rollback"/>)
    /// while the transaction goes on: one command of a block refused, the rest sealed.</summary>
    /// <remarks>Savepoints nest last-in first-out.</remarks>
    ISavepoint Savepoint();
}

/// <summary>A point inside a write transaction to roll back to. Disposing it undecided rolls back.</summary>
internal interface ISavepoint : IDisposable
{
    /// <summary>Keeps what was written since the savepoint, as part of the transaction.</summary>
    void Release();

    /// <summary>Undoes what was written since the savepoint; the transaction goes on.</summary>
    void Rollback();
}
