using Regional.Node.Tests.Licenses;

namespace Regional.Node.Tests.Support;

/// <summary>A fixture with one real node (TLS, SQLite in a temp folder) shared by its tests,
/// sealing blocks every 20 ms so tests wait little.</summary>
public abstract class SingleNodeFixture(string region = "bj", string suite = "gm")
{
    internal TestNode Node { get; private set; } = null!;

    internal LicenseClient Client { get; private set; } = null!;

    /// <summary>The node's clock, which tests may move forward.</summary>
    internal ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    protected string SuiteName => suite;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        Node = await TestNode.StartAsync(new TestNodeOptions
        {
            Region = region,
            Suite = suite,
            Clock = Clock,
        });
        Client = new LicenseClient(Node.Channel);
    }

    [OneTimeTearDown]
    public async Task StopNode() => await Node.DisposeAsync();
}
