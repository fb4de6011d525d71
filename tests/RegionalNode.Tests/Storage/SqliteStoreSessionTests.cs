using Microsoft.Data.Sqlite;
using Regional.Node.Storage;

namespace Regional.Node.Tests.Storage;

/// <summary>The session contract on the node's SQLite database: a WAL file in a temporary folder.</summary>
public sealed class SqliteStoreSessionTests : StoreSessionContract
{
    private string _folder = null!;

    private protected override IDatabase CreateDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("regional-session-").FullName;
        var database = new Database(Path.Combine(_folder, "ledger.db"));
        using var session = database.Open();
        session.Migrate();
        return database;
    }

    private protected override void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
