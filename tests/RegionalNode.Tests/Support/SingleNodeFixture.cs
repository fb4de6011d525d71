using Regional.Node.Tests.Licenses;

namespace Regional.Node.Tests.Support;

/// <summary>A fixture with one real node (TLS; SQLite in a temp folder, or with <paramref name="storage"/>
/// "postgres" a database of its own on the test server, <see cref="TestPostgres"/>) shared by its tests.</summary>
public abstract class SingleNodeFixture(string region = "bj", string suite = "gm", string storage = "sqlite")
{
    private string? _postgres;

    internal TestNode Node { get; private set; } = null!;

    internal LicenseClient Client { get; private set; } = null!;

    /// <summary>The node's clock, which tests may move forward.</summary>
    internal ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    protected string SuiteName => suite;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        var options = new TestNodeOptions { Region = region, Suite = suite, Clock = Clock };
        if (storage == "postgres")
        {
            _postgres = TestPostgres.CreateDatabase();
            options.Settings["Storage:Engine"] = "postgres";
            options.Settings["Storage:ConnectionString"] = _postgres;
        }
        Node = await TestNode.StartAsync(options);
        Client = new LicenseClient(Node.Channel);
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }
        if (_postgres is not null)
        {
            TestPostgres.DropDatabase(_postgres);
        }
    }
}
