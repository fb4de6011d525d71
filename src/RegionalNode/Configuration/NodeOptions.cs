namespace Regional.Node.Configuration;

/// <summary>
/// The settings of one regional node, section "Node": from appsettings.json, REGIONAL_* environment
/// variables (REGIONAL_Node__Region=bj) and the command line (--Node:Region=bj or --region bj).
/// </summary>
/// <remarks>Values left unset are filled from the region by <see cref="NodeOptionsDefaults"/>, then
/// checked once at start-up by <see cref="NodeOptionsValidator"/>.</remarks>
internal sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>"region" (default): the node writes its region's log, mirrors and witnesses the others.
    /// "mirror": a read-only mirror node (<see cref="NodeMode"/>): it follows every region's log and
    /// serves verification, but writes, signs and witnesses nothing.</summary>
    public string Mode { get; set; } = NodeModes.Region;

    /// <summary>A mirror node's name, e.g. "mirror-1" (lower-case letters, digits, '-'): its data folder,
    /// display name and the SAN URI urn:regional:mirror:&lt;name&gt; of its certificate. Mirror mode only.</summary>
    public string? MirrorName { get; set; }

    /// <summary>Whether this node is a read-only mirror node.</summary>
    public bool IsMirror => Mode == NodeModes.Mirror;

    /// <summary>How logs, spans and metrics name this node: its region, or a mirror's name.</summary>
    public string NodeName => (IsMirror ? MirrorName : Region) ?? "";

    /// <summary>The region this node writes the log of, e.g. bj (2 to 8 lower-case letters, as in the trust file). Required (unset in mirror mode).</summary>
    public string? Region { get; set; }

    /// <summary>A name for people, e.g. "北京 Beijing". Default: from the region.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Where the database, keys and certificates live. Default: ./data/&lt;region&gt;.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>host:port of the gRPC endpoint. Default: 127.0.0.1:7101 (bj), 7102 (tj), 7103 (he).</summary>
    public string? Listen { get; set; }

    /// <summary>The federation's crypto suite: "gm" (SM2/SM3) or "intl" (Ed25519/SHA-256).</summary>
    public string Suite { get; set; } = "gm";

    /// <summary>The log origin line of checkpoints. Default: regional.example/&lt;region&gt;.</summary>
    public string? Origin { get; set; }

    /// <summary>The log signing key file. Default: &lt;data&gt;/keys/signing.key, created on first start.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>The TLS certificate (PEM). Default: a development certificate in &lt;data&gt;/tls/.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The TLS certificate's private key (PEM); required with <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The federation CA certificate (PEM) for mutual TLS between nodes. When set, callers may
    /// present a client certificate, which must be issued by exactly this CA (else the TLS handshake
    /// fails); the node's own certificate (<see cref="CertificatePath"/>, required then) must be issued
    /// by it and name this region; and peer channels accept only servers it issued. Default: unset
    /// (no client certificates, no federation).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Allow starting without a federation CA (<see cref="CaCertificatePath"/>): no caller has an
    /// identity and every RPC, download and grant is open to anyone who can connect. Development only;
    /// without it a node with no CA refuses to start. Logged loudly at every start.</summary>
    public bool DevelopmentOpenAccess { get; set; }

    /// <summary>Serve plaintext HTTP/2 (h2c) without TLS. For development only.</summary>
    public bool Insecure { get; set; }

    /// <summary>The most entries in one block. Blocks seal as soon as the previous one is durable (group commit:
    /// docs/storage.md), so this bounds a block under a flood only.</summary>
    public int MaxBlockEntries { get; set; } = 1000;

    /// <summary>The longest time, in seconds, the own log goes without a block: when nothing else is sealed, a
    /// block holding only the status root is, so bundles can be refreshed to a recent "as of" (docs/status-proofs.md).</summary>
    public int StatusHeartbeatSeconds { get; set; } = 3600;

    /// <summary>The most bytes of entries in one block, checked per entry: a command whose entries would pass
    /// it goes whole into the next block. With entries of at most 64 KiB and this at most 2 MiB, every block
    /// stays under the PeerChannelFactory.MaxReceiveBytes a peer accepts.</summary>
    public int MaxBlockBytes { get; set; } = DefaultMaxBlockBytes;

    /// <summary>The default byte budget of a block: well under the 4 MiB a peer accepts in one message.</summary>
    public const int DefaultMaxBlockBytes = 1024 * 1024;

    /// <summary>The largest request message accepted, in bytes; larger ones get RESOURCE_EXHAUSTED (over HTTP/JSON, a
    /// body larger than this gets 413 REQUEST_TOO_LARGE).</summary>
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The most read calls (unary regional.v1 calls other than writes) served at once, and the most
    /// work items waiting for a thread while reads are still accepted; beyond either, a read is refused at
    /// once with RESOURCE_EXHAUSTED (see <see cref="CallLimitInterceptor"/>).</summary>
    public int MaxConcurrentCalls { get; set; } = 1000;

    /// <summary>The most server streams (GetBlocks: peers and mirrors following the log) open at once; beyond
    /// it a new stream is refused at once with RESOURCE_EXHAUSTED. Each peer region and mirror node holds one.</summary>
    public int MaxConcurrentStreams { get; set; } = 64;

    /// <summary>The most ImportLicenses calls served at once; beyond it a new one is refused at once with
    /// RESOURCE_EXHAUSTED. Each keeps up to 2,000 rows in flight, half the ledger writer's queue, so with the
    /// default of one an import leaves the other half to everyone else's writes.</summary>
    public int MaxConcurrentImports { get; set; } = 1;

    /// <summary>On PostgreSQL (docs/storage.md, "Active and standby"): where this process serves reads (host:port) while
    /// it is the standby, another process of the region holding the writer lease; it moves to <see cref="Listen"/> when
    /// it takes over. Empty: a standby serves nothing until it takes over.</summary>
    public string? StandbyListen { get; set; }

    /// <summary>Where to serve Prometheus's scrape endpoint, <c>GET /metrics</c>, as plain HTTP/1.1 (host:port, e.g.
    /// 127.0.0.1:9464); empty: not served. Its own port, nothing else on it, so a firewall can open it to the
    /// monitoring network alone. docs/observability.md.</summary>
    public string? MetricsListen { get; set; }

    /// <summary>Readiness (docs/observability.md, "Health") fails while a mirror of another region is more than this
    /// many seconds behind its issuer. Default 300.</summary>
    public int MaxMirrorLagSeconds { get; set; } = 300;

    /// <summary>On first start with an empty directory, register the starter licence types
    /// (营业执照, 不动产权证书, ...) for this region. Default true.</summary>
    public bool LoadStarterCatalog { get; set; } = true;

    /// <summary>The directory of development TLS material: &lt;data&gt;/tls.</summary>
    public string TlsDirectory => Path.Combine(DataDirectory ?? ".", "tls");

    /// <summary>Whether the certificate is the generated development one.</summary>
    public bool UsesDevelopmentCertificate => string.IsNullOrEmpty(CertificatePath);
}
