using System.Net;
using System.Security.Cryptography.X509Certificates;
using Regional.LicenseVerifier.Certificates;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;

namespace Regional.Node.Benchmarks;

/// <summary>
/// A federation of node processes on loopback, set up as the test fixture does: one development CA,
/// each region's log and witness keys in its data folder, a CA-issued node certificate per region, and a
/// trust file naming them all (suite gm). Each node's channel presents an issuer certificate of the
/// region's "&lt;region&gt;-samr" (business licences), which the nodes' access policy asks for. Regions are
/// started when the benchmark wants them; disposing kills every node and deletes the folder.
/// </summary>
internal sealed class FederationProcesses : IAsyncDisposable
{
    private readonly Arguments _arguments;
    private readonly Dictionary<string, NodeProcess> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);

    private FederationProcesses(Arguments arguments, string folder)
    {
        _arguments = arguments;
        Folder = folder;
    }

    public string Folder { get; }

    public string TrustFilePath => Path.Combine(Folder, "trust.json");

    private string CaPath => Path.Combine(Folder, "ca.crt");

    public NodeProcess this[string region] => _running[region];

    public static string Origin(string region) => RegionSetup.Origin(region);

    /// <summary>Writes the CA, keys, certificates and trust file for bj, tj and he; starts nothing.</summary>
    public static FederationProcesses Create(Arguments arguments, int witnessQuorum = 1)
    {
        var folder = Path.Combine(Path.GetTempPath(), "regional-bench", $"federation-{Guid.NewGuid():N}");
        var federation = new FederationProcesses(arguments, folder);
        var now = DateTimeOffset.UtcNow;
        using var ca = DevelopmentCa.Create("Regional Benchmark CA", now);
        ca.Save(federation.CaPath, Path.Combine(folder, "ca.key"));
        var suite = Suite.FromName("gm")!;
        var regions = new List<TrustFileRegion>();
        foreach (var region in new[] { "bj", "tj", "he" })
        {
            var data = federation.DataDirectory(region);
            federation._ports[region] = NodeLaunch.FreePort();
            using var certificate = ca.IssueNode(region, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback], now);
            DevelopmentCa.SavePem(certificate, Path.Combine(data, "federation.crt"), Path.Combine(data, "federation.key"));
            using var issuer = ca.IssueClient(region, $"{region}-samr", ClientRoles.Issuer, $"{region}-samr load", now);
            DevelopmentCa.SavePem(issuer, Path.Combine(data, "issuer.crt"), Path.Combine(data, "issuer.key"));
            regions.Add(RegionSetup.Ensure(region, region, $"https://127.0.0.1:{federation._ports[region]}", data, suite));
        }
        var file = new TrustFile { Suite = suite.Name, WitnessQuorum = witnessQuorum, CaCertificate = federation.CaPath, Regions = regions };
        File.WriteAllText(federation.TrustFilePath, file.ToJson());
        return federation;
    }

    /// <summary>Starts the region's node process and waits until it serves.</summary>
    public async Task<NodeProcess> StartAsync(string region)
    {
        var data = DataDirectory(region);
        var node = await NodeProcess.StartAsync(_arguments, region, data, _ports[region], Path.Combine(data, "federation.crt"),
        [
            $"--Node:CertificatePath={Path.Combine(data, "federation.crt")}",
            $"--Node:CertificateKeyPath={Path.Combine(data, "federation.key")}",
            $"--Node:CaCertificatePath={CaPath}",
            $"--Federation:TrustFile={TrustFilePath}",
        ], X509Certificate2.CreateFromPemFile(Path.Combine(data, "issuer.crt"), Path.Combine(data, "issuer.key")));
        _running[region] = node;
        return node;
    }

    private string DataDirectory(string region) => Directory.CreateDirectory(Path.Combine(Folder, region)).FullName;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _running.Values)
        {
            await node.DisposeAsync();
        }
        Directory.Delete(Folder, recursive: true);
    }
}
