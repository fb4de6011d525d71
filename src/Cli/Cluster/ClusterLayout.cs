namespace Regional.Cli.Cluster;

/// <summary>
/// The files of a development cluster folder (default ./cluster, git-ignored):
/// <code>
/// trust.json                  the federation's trust file (regions, endpoints, origins, keys)
/// cluster.json                the running node processes (written by `cluster up`)
/// ca/ca.crt, ca/ca.key        the development CA (key 0600: the root of trust)
/// clients/NAME.crt, .key      client certificates of demo departments and clerks
/// bj/, tj/, he/ ...        each region's node's data folder (ledger.db, keys/, tls/node.crt)
/// mirror-1/                   a mirror's data folder (ledger.db, tls/mirror.crt; `cluster mirror`)
/// logs/bj.log ...             each node's log
/// </code>
/// </summary>
internal sealed class ClusterLayout(string directory)
{
    /// <summary>The regions of a new cluster unless --regions names others.</summary>
    public static readonly IReadOnlyList<string> DefaultRegions = ["bj", "tj", "he"];

    public string Directory { get; } = Path.GetFullPath(directory);

    public string TrustFile => Path.Combine(Directory, "trust.json");

    public string StateFile => Path.Combine(Directory, "cluster.json");

    public string CaCertificate => Path.Combine(Directory, "ca", "ca.crt");

    public string CaKey => Path.Combine(Directory, "ca", "ca.key");

    public string ClientCertificate(string name) => Path.Combine(Directory, "clients", name + ".crt");

    public string ClientKey(string name) => Path.Combine(Directory, "clients", name + ".key");

    public string DataDirectory(string region) => Path.Combine(Directory, region);

    public string SigningKey(string region) => Path.Combine(DataDirectory(region), "keys", "signing.key");

    public string WitnessKey(string region) => Path.Combine(DataDirectory(region), "keys", "witness.key");

    public string NodeCertificate(string region) => Path.Combine(DataDirectory(region), "tls", "node.crt");

    public string NodeKey(string region) => Path.Combine(DataDirectory(region), "tls", "node.key");

    public string MirrorCertificate(string name) => Path.Combine(DataDirectory(name), "tls", "mirror.crt");

    public string MirrorKey(string name) => Path.Combine(DataDirectory(name), "tls", "mirror.key");

    public string Log(string region) => Path.Combine(Directory, "logs", region + ".log");
}
