using System.Net;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;

namespace Regional.Cli.Cluster;

/// <summary>
/// Makes what a development cluster needs, once: a CA, each region's log and witness keys (before
/// the nodes start, so the trust file can list them), node and demo client certificates, and the
/// trust file. Whatever exists already is kept, so a second `cluster up` reuses keys and data.
/// </summary>
internal static class ClusterSetup
{
    private static readonly Dictionary<string, string> DisplayNames = new()
    {
        ["bj"] = "北京 Beijing", ["tj"] = "天津 Tianjin", ["he"] = "河北 Hebei", ["hd"] = "海淀 Haidian", ["xa"] = "雄安 Xiong'an",
    };

    /// <summary>Ensures the folder is complete; returns the trust file (existing or new) and what was made.</summary>
    /// <param name="regions">The regions of a new cluster, the first at <paramref name="basePort"/> and each next one a port
    /// further; an existing cluster keeps the regions of its trust file.</param>
    /// <param name="witnessQuorum">Cosignatures a new cluster's trust file asks of each checkpoint.</param>
    public static (TrustFile Trust, IReadOnlyList<string> Made) Ensure(ClusterLayout layout, string suiteName, int basePort,
        IReadOnlyList<string> regions, int witnessQuorum)
    {
        var made = new List<string>();
        if (File.Exists(layout.TrustFile))
        {
            var existing = TrustFileStore.Read(layout.TrustFile).File ?? throw new CliException($"{layout.TrustFile} is not a trust file; move the folder away to start afresh");
            if (existing.Suite != suiteName)
            {
                throw new CliException($"--suite: the cluster in {layout.Directory} uses suite {existing.Suite}; remove that folder to start afresh with {suiteName}");
            }
        }
        var suite = Suite.FromName(suiteName) ?? throw new CliException($"--suite: got '{suiteName}', want gm or intl");
        var now = DateTimeOffset.UtcNow;
        using var ca = EnsureCa(layout, now, made);
        var entries = new List<TrustFileRegion>();
        for (var i = 0; i < regions.Count; i++)
        {
            var region = regions[i];
            if (!File.Exists(layout.NodeCertificate(region)))
            {
                using var certificate = ca.IssueNode(region, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback], now);
                DevelopmentCa.SavePem(certificate, layout.NodeCertificate(region), layout.NodeKey(region));
                made.Add($"{region} node certificate");
            }
            entries.Add(RegionSetup.Ensure(region, DisplayNames.GetValueOrDefault(region, region.ToUpperInvariant()), $"https://127.0.0.1:{basePort + i}", layout.DataDirectory(region), suite, made.Add));
        }
        foreach (var client in DemoClients.For(regions).Where(c => !File.Exists(layout.ClientCertificate(c.Name))))
        {
            using var certificate = ca.IssueClient(client.Region, client.Department, client.Role, client.SubjectName, now);
            DevelopmentCa.SavePem(certificate, layout.ClientCertificate(client.Name), layout.ClientKey(client.Name));
            made.Add($"client certificate {client.Name}");
        }
        if (TrustFileStore.Read(layout.TrustFile).File is { } kept)
        {
            return (kept, made);
        }
        var trust = new TrustFile { Suite = suite.Name, WitnessQuorum = witnessQuorum, CaCertificate = "ca/ca.crt", Regions = entries };
        File.WriteAllText(layout.TrustFile, trust.ToJson() + "\n");
        made.Add("trust file");
        return (trust, made);
    }

    /// <summary>The endpoints `cluster up` would start: the trust file's when the cluster exists, else
    /// 127.0.0.1 from <paramref name="basePort"/> on, one a region.</summary>
    public static IReadOnlyList<(string Region, Uri Endpoint)> Endpoints(ClusterLayout layout, int basePort, IReadOnlyList<string> regions) =>
        Existing(layout) is { } trust
            ? [.. trust.Regions.Select(r => (r.Id, new Uri(r.Endpoint)))]
            : [.. regions.Select((r, i) => (r, new Uri($"https://127.0.0.1:{basePort + i}")))];

    /// <summary>The cluster's trust file, when it has been made.</summary>
    public static TrustFile? Existing(ClusterLayout layout) => File.Exists(layout.TrustFile) ? TrustFileStore.Read(layout.TrustFile).File : null;

    private static DevelopmentCa EnsureCa(ClusterLayout layout, DateTimeOffset now, List<string> made)
    {
        if (File.Exists(layout.CaCertificate))
        {
            return DevelopmentCa.Load(layout.CaCertificate, layout.CaKey);
        }
        var ca = DevelopmentCa.Create("Regional Development CA", now);
        ca.Save(layout.CaCertificate, layout.CaKey);
        made.Add("development CA");
        return ca;
    }
}
