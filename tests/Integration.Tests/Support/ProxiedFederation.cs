using Regional.Node.Tests.Support;

namespace Regional.Integration.Tests.Support;

/// <summary>
/// Three real nodes (bj, tj, he) that reach each other only through a <see cref="FaultProxy"/> per directed
/// link: node A calls node B at the proxy Link(A, B), named in A's own trust file. So bj and tj can be cut
/// from each other while both still reach he. Business calls (<see cref="Client"/>) go straight to a node.
/// </summary>
internal sealed class ProxiedFederation : IAsyncDisposable
{
    private readonly Dictionary<(string From, string To), FaultProxy> _links = [];
    private readonly List<FaultProxy> _started = [];

    private ProxiedFederation()
    {
    }

    public TestFederation Federation { get; private set; } = null!;

    /// <summary>Starts the proxies and the nodes (reconnect after 100 ms at first): bj, tj and he unless
    /// <paramref name="regions"/> names others.</summary>
    public static async Task<ProxiedFederation> StartAsync(int witnessQuorum = 1, IReadOnlyDictionary<string, string>? settings = null, params string[] regions)
    {
        var proxied = new ProxiedFederation();
        try
        {
            proxied.Federation = await TestFederation.StartRoutedAsync("gm", witnessQuorum, settings, proxied.Route, regions is [] ? ["bj", "tj", "he"] : regions);
            return proxied;
        }
        catch
        {
            await proxied.DisposeAsync();
            throw;
        }
    }

    /// <summary>The proxy that <paramref name="from"/>'s calls to <paramref name="to"/> go through.</summary>
    public FaultProxy Link(string from, string to) => _links[(from, to)];

    /// <summary>Both directed links between two regions.</summary>
    public IEnumerable<FaultProxy> Between(string a, string b) => [Link(a, b), Link(b, a)];

    /// <summary>Every link into or out of a region.</summary>
    public IEnumerable<FaultProxy> LinksOf(string region) => _links.Where(l => l.Key.From == region || l.Key.To == region).Select(l => l.Value);

    public NodeClient Client(string region) => new(Federation[region].Channel, region);

    public async ValueTask DisposeAsync()
    {
        if (Federation is not null)
        {
            await Federation.DisposeAsync();
        }
        foreach (var proxy in _started)
        {
            await proxy.DisposeAsync();
        }
    }

    private Uri Route(string from, string to, Uri target)
    {
        var proxy = FaultProxy.Start(target.Host, target.Port);
        _started.Add(proxy);
        _links[(from, to)] = proxy; // a retried start routes again, to new ports
        return proxy.Endpoint;
    }
}
