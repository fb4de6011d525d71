using System.Data.Common;

namespace Regional.Node.Storage;

/// <summary>
/// What every feature store runs on: one session's connection, whatever the engine. The feature stores
/// (Storage/&lt;feature&gt;/ISql*Store.cs) are interfaces whose members are implemented in the interface itself,
/// in SQL that SQLite and PostgreSQL both run (<c>@name</c> parameters, <c>ON CONFLICT</c> upserts,
/// <c>RETURNING</c>); each engine's session (<see cref="SqliteSession"/>, <see cref="Postgres.PostgresSession"/>)
/// takes them all on: <c>session.Licenses</c> is the session seen as an <see cref="Licenses.ILicenseStore"/>, so a
/// read allocates no store object beside its connection, while each feature's SQL still lives in its own folder.
/// Only the schema (its migrations) and transaction control are written per engine.
/// </summary>
internal interface ISqlStore
{
    /// <summary>A command for <paramref name="sql"/> kept for the session's life, so a statement a read runs many
    /// times (a proof's path, level by level) is prepared once: declare its parameters once
    /// (<see cref="SqlCommands.Declare"/>), set their values, execute, never dispose it. It runs inside the
    /// session's write transaction when one is open.</summary>
    DbCommand Prepared(string sql);

    /// <summary><see cref="Prepared(string)"/> with its parameters set to <paramref name="values"/> (null is SQL NULL):
    /// every statement of the stores runs this way, so a warm session (<see cref="IDatabase.OpenRead"/>, the writer's)
    /// prepares each statement once.</summary>
    DbCommand Prepared(string sql, params ReadOnlySpan<(string Name, object? Value)> values);
}
