using System.Net;
using System.Net.Sockets;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;

namespace Regional.Node.Tests.Support;

/// <summary>
/// A federation of real nodes on loopback for tests: one test CA, every region's log and
/// witness keys made up front, a trust file listing them, and each node started with its
/// CA-issued certificate (mutual TLS) and the trust file. Nodes can be stopped, restarted and
/// added; everything is removed on dispose.
/// </summary>
public sealed class TestFederation : IAsyncDisposable
{
    private readonly Dictionary<string, TestNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private Action<string, Microsoft.AspNetCore.Builder.WebApplicationBuilder>? _configure;
    private readonly List<string> _databases = [];

    private TestFederation(string suite, TestCa ca, string folder)
    {
        SuiteName = suite;
        Ca = ca;
        Folder = folder;
    }

    public string SuiteName { get; }

    public TestCa Ca { get; }

    public string Folder { get; }

    public string TrustFilePath => Path.Combine(Folder, "trust.json");

    public TestNode this[string region] => _nodes[region];

    /// <summary>Makes keys, certificates and the trust file for the regions and starts them.</summary>
    public static Task<TestFederation> StartAsync(string suite = "gm", int witnessQuorum = 1, IReadOnlyDictionary<string, string>? settings = null, params string[] regions) =>
        StartAsync(suite, witnessQuorum, settings, endpoints: null, regions);

    /// <summary>As above, but the trust file names <paramref name="endpoints"/> (region to https URL) instead of
    /// the nodes' own addresses for those regions: peers then follow whatever serves there (a fake peer in a
    /// test), while the region's real node still runs on its own port.</summary>
    public static Task<TestFederation> StartAsync(string suite, int witnessQuorum, IReadOnlyDictionary<string, string>? settings,
        IReadOnlyDictionary<string, Uri>? endpoints, params string[] regions) =>
        StartAsync(suite, witnessQuorum, settings, endpoints, route: null, configure: null, regions);

    /// <summary>As above, with a hook that runs on each node's builder (region, builder) before it is
    /// built: add services or telemetry exporters to some nodes.</summary>
    public static Task<TestFederation> StartAsync(Action<string, Microsoft.AspNetCore.Builder.WebApplicationBuilder> configure, string suite = "gm",
        int witnessQuorum = 1, params string[] regions) =>
        StartAsync(suite, witnessQuorum, settings: null, endpoints: null, route: null, configure, regions);

    /// <summary>bj, tj and he on <paramref name="storage"/>: "sqlite" (a file in each data folder) or "postgres" (a
    /// database of its own for each region on the test server, dropped with the federation); <paramref name="configure"/>
    /// as for <see cref="StartAsync(Action{string, Microsoft.AspNetCore.Builder.WebApplicationBuilder}, string, int, string[])"/>.</summary>
    public static async Task<TestFederation> StartOnAsync(string storage, int witnessQuorum = 1,
        Action<string, Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        if (storage != "postgres")
        {
            return await StartAsync(configure ?? ((_, _) => { }), witnessQuorum: witnessQuorum);
        }
        var databases = new[] { "bj", "tj", "he" }.ToDictionary(region => region, _ => TestPostgres.CreateDatabase());
        try
        {
            var federation = await StartAsync((region, builder) =>
            {
                Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration,
                    new Dictionary<string, string?> { ["Storage:Engine"] = "postgres", ["Storage:ConnectionString"] = databases[region] });
                configure?.Invoke(region, builder);
            }, witnessQuorum: witnessQuorum);
            federation._databases.AddRange(databases.Values);
            return federation;
        }
        catch
        {
            foreach (var database in databases.Values)
            {
                TestPostgres.DropDatabase(database);
            }
            throw;
        }
    }

    /// <summary>As above, but every node reads its own trust file (trust-&lt;region&gt;.json) in which each peer's
    /// endpoint is route(node, peer, the peer's own address): one path per directed link, e.g. through a
    /// fault-injecting proxy. <see cref="TrustFilePath"/> still names the nodes' own addresses. route may be
    /// called again for new ports when a start is retried.</summary>
    public static Task<TestFederation> StartRoutedAsync(string suite, int witnessQuorum, IReadOnlyDictionary<string, string>? settings,
        Func<string, string, Uri, Uri> route, params string[] regions) =>
        StartAsync(suite, witnessQuorum, settings, endpoints: null, route, configure: null, regions);

    private static async Task<TestFederation> StartAsync(string suite, int witnessQuorum, IReadOnlyDictionary<string, string>? settings,
        IReadOnlyDictionary<string, Uri>? endpoints, Func<string, string, Uri, Uri>? route,
        Action<string, Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure, string[] regions)
    {
        // The ports are chosen before the trust file is written and bound only when each node starts;
        // another process may take one in between. Then start over with new ports (and new keys).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(suite, witnessQuorum, settings, endpoints, route, configure, regions);
            }
            catch (IOException ex) when (attempt < 3 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
            catch (Regional.Node.Errors.NodeStartupException ex) when (attempt < 3 && ex.Message.Contains("appears more than once", StringComparison.Ordinal))
            {
                // A routed federation's proxy was given a port chosen for a node not yet started (the OS handed it out
                // again): its trust file names one endpoint twice. Start over, with new ports.
            }
        }
    }

    private static async Task<TestFederation> StartOnceAsync(string suite, int witnessQuorum, IReadOnlyDictionary<string, string>? settings,
        IReadOnlyDictionary<string, Uri>? endpoints, Func<string, string, Uri, Uri>? route,
        Action<string, Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure, string[] regions)
    {
        regions = regions.Length == 0 ? ["bj", "tj", "he"] : regions;
        var folder = Path.Combine(Path.GetTempPath(), "regional-tests", $"federation-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var federation = new TestFederation(suite, TestCa.Create(), folder) { _configure = configure };
        try
        {
            var file = new TrustFile { Suite = suite, WitnessQuorum = witnessQuorum, CaCertificate = federation.Ca.CertificatePath, Regions = [] };
            var entries = new List<TrustFileRegion>();
            foreach (var region in regions)
            {
                // The OS may hand out a port it just gave another region (the probe listener is closed): never twice.
                int port;
                do
                {
                    port = FreePort();
                }
                while (federation._ports.ContainsValue(port));
                federation._ports[region] = port;
                var node = TestNode.Create(federation.Options(region, settings, route is null ? federation.TrustFilePath : federation.RoutedTrustFilePath(region)));
                federation._nodes[region] = node;
                var entry = federation.MakeKeys(region, node.DataDirectory);
                entries.Add(endpoints?.GetValueOrDefault(region) is { } endpoint ? entry with { Endpoint = endpoint.ToString().TrimEnd('/') } : entry);
            }
            await File.WriteAllTextAsync(federation.TrustFilePath, (file with { Regions = entries }).ToJson());
            foreach (var region in route is null ? Array.Empty<string>() : regions)
            {
                var routed = entries.Select(e => e.Id == region ? e : e with { Endpoint = route!(region, e.Id, new Uri(e.Endpoint)).ToString().TrimEnd('/') });
                await File.WriteAllTextAsync(federation.RoutedTrustFilePath(region), (file with { Regions = [.. routed] }).ToJson());
            }
            foreach (var region in regions)
            {
                await federation._nodes[region].StartAsync();
            }
            return federation;
        }
        catch
        {
            await federation.DisposeAsync();
            throw;
        }
    }

    private string RoutedTrustFilePath(string region) => Path.Combine(Folder, $"trust-{region}.json");

    private TestNodeOptions Options(string region, IReadOnlyDictionary<string, string>? settings, string trustFile)
    {
        var all = new Dictionary<string, string>
        {
            ["Federation:TrustFile"] = trustFile,
            ["Federation:ReconnectMs"] = "100",
            ["Node:Listen"] = $"127.0.0.1:{_ports[region]}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var configure = _configure;
        return new TestNodeOptions
        {
            Region = region, Suite = SuiteName, Ca = Ca, Settings = all, Clock = TimeProvider.System,
            Configure = configure is null ? null : builder => configure(region, builder),
        };
    }

    /// <summary>Writes the region's log and witness keys into its data folder; returns its trust entry.</summary>
    private TrustFileRegion MakeKeys(string region, string dataDirectory) =>
        RegionSetup.Ensure(region, region, $"https://127.0.0.1:{_ports[region]}", dataDirectory, Suite.FromName(SuiteName)!);

    /// <summary>The trust policy a relying party builds from the trust file, with a chosen quorum.</summary>
    public Regional.LicenseVerifier.Bundles.TrustPolicy Policy(int witnessQuorum)
    {
        var (file, _) = TrustFileStore.Read(TrustFilePath);
        var (trust, problems) = TrustFileStore.Check(file! with { WitnessQuorum = 0 }, Folder);
        Assert.That(problems, Is.Empty);
        return new Regional.LicenseVerifier.Bundles.TrustPolicy(trust!.Suite, trust.Policy.Logs, witnessQuorum);
    }

    /// <summary>The listen address each node is started on (fixed before start: the trust file names it).</summary>
    public int Port(string region) => _ports[region];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }
        foreach (var database in _databases)
        {
            TestPostgres.DropDatabase(database);
        }
        Ca.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
