using System.Text.Json.Nodes;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;

namespace Regional.Vectors;

/// <summary>The three regions of the bundle vectors, with fixed log and witness keys, and their trust file.</summary>
internal sealed class VectorFederation
{
    public static readonly string[] Regions = ["bj", "tj", "he"];

    private static readonly Dictionary<string, string> Names = new()
    {
        ["bj"] = "北京 Beijing",
        ["tj"] = "天津 Tianjin",
        ["he"] = "河北 Hebei",
    };

    private readonly Dictionary<string, VectorKey> _logs = [];
    private readonly Dictionary<string, VectorKey> _witnesses = [];

    public VectorFederation(Suite suite)
    {
        Suite = suite;
        foreach (var region in Regions)
        {
            _logs[region] = VectorKey.Create(suite, Origin(region), NoteKeyKind.Signature, $"{region}-log");
            _witnesses[region] = VectorKey.Create(suite, $"witness.regional.example/{region}", NoteKeyKind.Cosignature, $"{region}-witness");
        }
        Stranger = VectorKey.Create(suite, Origin("bj"), NoteKeyKind.Signature, "bj-log-stranger");
        NextBeijingKey = VectorKey.Create(suite, Origin("bj"), NoteKeyKind.Signature, "bj-log-2");
    }

    public Suite Suite { get; }

    /// <summary>A key named for Beijing's origin that the trust file does not list.</summary>
    public VectorKey Stranger { get; }

    /// <summary>The key Beijing's log rotates to in the key rotation vectors.</summary>
    public VectorKey NextBeijingKey { get; }

    public static string Origin(string region) => $"regional.example/{region}";

    public VectorKey Log(string region) => _logs[region];

    public VectorKey Witness(string region) => _witnesses[region];

    /// <summary>The trust file, as `regional cluster up` writes it (without a CA certificate: bundles do not need one).</summary>
    public TrustFile Trust(int quorum = 1, string maxStatusAge = "24h", (VectorKey Current, VectorKey Retired, ulong LastTreeSize)? beijingRotation = null) => new()
    {
        Suite = Suite.Name,
        WitnessQuorum = quorum,
        MaxStatusAge = maxStatusAge,
        Regions = [.. Regions.Select(region => new TrustFileRegion
        {
            Id = region,
            Name = Names[region],
            Endpoint = $"https://127.0.0.1:{7101 + Array.IndexOf(Regions, region)}",
            Origin = Origin(region),
            LogKeys = [region == "bj" && beijingRotation is { } r ? r.Current.Verifier.VerifierKey : Log(region).Verifier.VerifierKey],
            RetiredLogKeys = region == "bj" && beijingRotation is { } old
                ? [new TrustFileRetiredKey { Key = old.Retired.Verifier.VerifierKey, LastTreeSize = old.LastTreeSize }]
                : null,
            WitnessKeys = [Witness(region).Verifier.VerifierKey],
        })],
    };

    public static JsonNode Json(TrustFile trust) => JsonNode.Parse(trust.ToJson())!;
}
