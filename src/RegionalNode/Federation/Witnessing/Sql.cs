using Microsoft.Data.Sqlite;

namespace Regional.Node.Federation.Witnessing;

/// <summary>Raw transactions, as the stores use them: their commands carry no transaction object,
/// so BEGIN IMMEDIATE / COMMIT are issued as statements (the write lock is taken up front).</summary>
internal static class Sql
{
    /// <summary>Runs work in one write transaction; rolls it back when work throws.</summary>
    public static T InTransaction<T>(SqliteConnection connection, Func<T> work)
    {
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var result = work();
            Execute(connection, "COMMIT");
            return result;
        }
        catch
        {
            Execute(connection, "ROLLBACK");
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
