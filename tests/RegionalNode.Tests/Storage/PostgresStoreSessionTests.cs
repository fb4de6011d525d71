using Regional.Node.Storage;
using Regional.Node.Storage.Postgres;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Storage;

/// <summary>The session contract on PostgreSQL: a database of its own on the test server (<see cref="TestPostgres"/>).</summary>
public sealed class PostgresStoreSessionTests : StoreSessionContract
{
    private string _connectionString = null!;

    private protected override IDatabase CreateDatabase()
    {
        _connectionString = TestPostgres.CreateDatabase();
        var database = new PostgresDatabase(_connectionString);
        using var session = database.Open();
        session.Migrate();
        return database;
    }

    private protected override void DeleteDatabase() => TestPostgres.DropDatabase(_connectionString);
}
