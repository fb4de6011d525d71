using Microsoft.Data.Sqlite;

namespace Regional.Node.Storage;

/// <summary>
/// What every SQLite feature store runs on: the session's connection. The feature stores
/// (Storage/&lt;feature&gt;/ISqlite*Store.cs) are interfaces whose members are implemented in the interface
/// itself, and <see cref="SqliteSession"/> takes them all on: <c>session.Licenses</c> is the session seen
/// as an <see cref="Licenses.ILicenseStore"/>, so a read allocates no store object beside its connection,
/// while each feature's SQL still lives in its own folder.
/// </summary>
internal interface ISqliteStore
{
    /// <summary>The session's open connection; commands on it run inside the session's write transaction when
    /// one is open (raw BEGIN IMMEDIATE, so commands carry no transaction object).</summary>
    SqliteConnection Connection { get; }

    /// <summary>A command for <paramref name="sql"/> kept for the session's life, so a statement a read runs many
    /// times (a proof's path, level by level) is prepared once: set its parameters' values, execute, never dispose it.</summary>
    SqliteCommand Prepared(string sql);

    /// <summary><see cref="Prepared(string)"/> with its parameters set to <paramref name="values"/> (null is SQL NULL):
    /// every statement of the stores runs this way, so a warm session (<see cref="IDatabase.OpenRead"/>, the writer's)
    /// prepares each statement once.</summary>
    SqliteCommand Prepared(string sql, params ReadOnlySpan<(string Name, object? Value)> values);
}
