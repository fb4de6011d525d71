using Regional.Cli.Cluster;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;

namespace Regional.Cli.Connection;

/// <summary>
/// Which node to call and how: its endpoint (a region resolved through the cluster's trust file, or a
/// URL), the CA its certificate must chain to, and the client certificate to present.
/// </summary>
internal sealed record NodeTarget(string Name, Uri Endpoint, string? Region, string? CaCertificate, string? ClientCertificate, string? ClientKey)
{
    public static NodeTarget Resolve(string node, string clusterDirectory, string? clientName, Func<string?, string>? defaultClient = null)
    {
        var layout = new ClusterLayout(clusterDirectory);
        string? region = null;
        Uri endpoint;
        if (node.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(node, UriKind.Absolute, out endpoint!) || endpoint.Scheme is not ("https" or "http"))
            {
                throw new CliException($"--node: got '{node}', want a region of the cluster (e.g. bj) or a URL such as https://127.0.0.1:7101");
            }
        }
        else
        {
            var (file, error) = File.Exists(layout.TrustFile) ? TrustFileStore.Read(layout.TrustFile)
                : (null, $"no trust file at {layout.TrustFile}: start the cluster first (regional cluster up), or give --cluster DIR or a URL to --node");
            if (file is null)
            {
                throw new CliException(error!);
            }
            var entry = file.Regions.FirstOrDefault(r => r.Id == node)
                ?? throw new CliException($"--node: got '{node}', want one of {string.Join(", ", file.Regions.Select(r => r.Id))} (from {layout.TrustFile}) or a URL");
            endpoint = new Uri(entry.Endpoint);
            region = entry.Id;
        }
        var client = clientName ?? (defaultClient ?? DemoClients.DefaultFor)(region);
        var hasClient = File.Exists(layout.ClientCertificate(client));
        if (clientName is not null && !hasClient)
        {
            throw new CliException($"--as: no client certificate {layout.ClientCertificate(clientName)}; have: {Available(layout)}");
        }
        return new NodeTarget(region ?? node, endpoint, region,
            File.Exists(layout.CaCertificate) ? layout.CaCertificate : null,
            hasClient ? layout.ClientCertificate(client) : null,
            hasClient ? layout.ClientKey(client) : null);
    }

    private static string Available(ClusterLayout layout)
    {
        var folder = Path.GetDirectoryName(layout.ClientCertificate("x"))!;
        string[] names = Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.crt").Select(Path.GetFileNameWithoutExtension).Order()!] : [];
        return string.Join(", ", names) is { Length: > 0 } list ? list : "none";
    }
}
