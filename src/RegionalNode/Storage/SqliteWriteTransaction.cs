namespace Regional.Node.Storage;

/// <summary>
/// The one place that writes SQLite transaction control. <c>BEGIN IMMEDIATE</c> (issued by
/// <see cref="SqliteSession.BeginWrite"/>) takes the write lock up front, so the single writer never fails
/// half-way for want of it while readers go on (WAL); <c>COMMIT</c> is fsynced (synchronous=FULL); anything
/// else ends in <c>ROLLBACK</c>. Savepoints let one command of a block be undone alone.
/// </summary>
internal sealed class SqliteWriteTransaction(SqliteSession session) : IWriteTransaction
{
    private bool _ended;

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        session.Execute("COMMIT");
        End();
    }

    public ISavepoint Savepoint()
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        session.Execute("SAVEPOINT step");
        return new SqliteSavepoint(session);
    }

    /// <summary>Rolls back unless committed. A failed statement or commit may have made SQLite roll back
    /// already; then there is nothing left to undo.</summary>
    public void Dispose()
    {
        if (_ended)
        {
            return;
        }
        End();
        if (session.InTransaction)
        {
            session.Execute("ROLLBACK");
        }
    }

    private void End()
    {
        _ended = true;
        session.Ended(this);
    }

    /// <summary>Savepoints share one name: SQLite resolves a name to the latest savepoint that has it, so
    /// nested ones unwind last-in first-out.</summary>
    private sealed class SqliteSavepoint(SqliteSession session) : ISavepoint
    {
        private bool _decided;

        public void Release()
        {
            ObjectDisposedException.ThrowIf(_decided, this);
            session.Execute("RELEASE step");
            _decided = true; // after: a release that failed can still be rolled back
        }

        public void Rollback()
        {
            ObjectDisposedException.ThrowIf(_decided, this);
            _decided = true;
            session.Execute("ROLLBACK TO step; RELEASE step");
        }

        public void Dispose()
        {
            if (!_decided)
            {
                Rollback();
            }
        }
    }
}
