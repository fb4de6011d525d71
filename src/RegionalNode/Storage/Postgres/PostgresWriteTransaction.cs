namespace Regional.Node.Storage.Postgres;

/// <summary>
/// Transaction control on PostgreSQL. <c>BEGIN</c> and the ledger's advisory lock (issued by
/// <see cref="PostgresSession.BeginWrite"/>) make one writer at a time; <c>COMMIT</c> returns once the WAL
/// record is flushed (the server's <c>synchronous_commit</c>, on by default: docs/storage.md); anything else
/// ends in <c>ROLLBACK</c>, which also releases the lock. Savepoints let one command of a block be undone
/// alone: after a failed statement PostgreSQL refuses every statement until the savepoint is rolled back.
/// </summary>
internal sealed class PostgresWriteTransaction(PostgresSession session) : IWriteTransaction
{
    private bool _ended;

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        _ended = true;
        try
        {
            session.Execute("COMMIT");
        }
        finally
        {
            session.Ended(this);
        }
    }

    public ISavepoint Savepoint()
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        session.Execute("SAVEPOINT step");
        return new PostgresSavepoint(session);
    }

    /// <summary>Rolls back unless committed; a connection that broke has nothing left to undo.</summary>
    public void Dispose()
    {
        if (_ended)
        {
            return;
        }
        _ended = true;
        session.Ended(this);
        if (session.Connection.State == System.Data.ConnectionState.Open)
        {
            session.Execute("ROLLBACK");
        }
    }

    /// <summary>Savepoints share one name: PostgreSQL resolves a name to the latest savepoint that has it, so
    /// nested ones unwind last-in first-out, as in SQLite.</summary>
    private sealed class PostgresSavepoint(PostgresSession session) : ISavepoint
    {
        private bool _decided;

        public void Release()
        {
            ObjectDisposedException.ThrowIf(_decided, this);
            session.Execute("RELEASE SAVEPOINT step");
            _decided = true;
        }

        public void Rollback()
        {
            ObjectDisposedException.ThrowIf(_decided, this);
            _decided = true;
            session.Execute("ROLLBACK TO SAVEPOINT step");
            session.Execute("RELEASE SAVEPOINT step");
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
