namespace Regional.Node.Tests.Support;

/// <summary>Several <see cref="TestNode"/>s, one per region, started together and disposed together:
/// <c>await using var nodes = await TestNodes.StartAsync("bj", "tj", "he"); nodes["tj"].Channel</c>.</summary>
public sealed class TestNodes : IAsyncDisposable
{
    private readonly List<TestNode> _nodes = [];

    private TestNodes()
    {
    }

    public IReadOnlyList<TestNode> All => _nodes;

    public TestNode this[string region] => _nodes.Single(n => n.Region == region);

    /// <summary>Starts one node per region with the same suite; options tunes each.</summary>
    public static async Task<TestNodes> StartAsync(string suite, IEnumerable<string> regions, Func<string, TestNodeOptions>? options = null)
    {
        var nodes = new TestNodes();
        try
        {
            foreach (var region in regions)
            {
                var chosen = options?.Invoke(region) ?? new TestNodeOptions { Region = region, Suite = suite };
                nodes._nodes.Add(await TestNode.StartAsync(chosen));
            }
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    public static Task<TestNodes> StartAsync(params string[] regions) => StartAsync("gm", regions);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
