using System.Text.Json;
using System.Text.Json.Serialization;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Trust;

/// <summary>The federation's trust file (JSON): the suite, the witness quorum, the CA and every
/// region's endpoint, origin and keys. Every node loads the same file; relying parties use it to
/// check bundles offline. See docs/federation.md for an example.</summary>
/// <remarks>The file as written, unchecked: <see cref="FederationTrust.Check"/> turns it into trust.
/// Immutable. This library parses text only; reading the file is the caller's.</remarks>
public sealed record TrustFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>"gm" or "intl": one suite for the whole federation.</summary>
    public string Suite { get; init; } = "";

    /// <summary>Cosignatures from other regions a checkpoint needs. Default 1.</summary>
    public int WitnessQuorum { get; init; } = 1;

    /// <summary>How old a bundle's status proof may be before a relying party calls it stale: "24h"
    /// (the default when absent), "90m", "7d" (<see cref="Bundles.StatusAge"/>).</summary>
    public string? MaxStatusAge { get; init; }

    /// <summary>The federation CA's certificate (PEM), a path relative to the trust file.</summary>
    public string? CaCertificate { get; init; }

    /// <summary>Every region of the federation.</summary>
    public IReadOnlyList<TrustFileRegion> Regions { get; init; } = [];

    /// <summary>Reads a trust file's text; text that is not JSON of this shape gives an error message
    /// (the caller names the file).</summary>
    public static ParseResult<TrustFile> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<TrustFile>(json, Json) is { } file ? ParseResult.Ok(file) : ParseResult.Fail<TrustFile>("empty");
        }
        catch (JsonException ex)
        {
            return ParseResult.Fail<TrustFile>(ex.Message);
        }
    }

    /// <summary>The file's JSON text, indented, without a final newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>One region in the trust file.</summary>
public sealed record TrustFileRegion
{
    /// <summary>The region id: 2 to 8 lower-case letters, e.g. "bj" (<see cref="LicenseId.IsRegionId"/>).</summary>
    public string Id { get; init; } = "";

    /// <summary>The region's name for people, e.g. "北京 Beijing".</summary>
    public string Name { get; init; } = "";

    /// <summary>The node's gRPC endpoint, e.g. "https://127.0.0.1:7101".</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The log's origin line, e.g. "regional.example/bj".</summary>
    public string Origin { get; init; } = "";

    /// <summary>Note verifier keys of the log ("name+keyid+base64") valid at any tree size: the current key.</summary>
    public IReadOnlyList<string> LogKeys { get; init; } = [];

    /// <summary>Keys the log retired by rotate-key, oldest first, each with the last tree size it
    /// signed; absent (null) for a region that never rotated. See docs/federation.md, "Key rotation".</summary>
    public IReadOnlyList<TrustFileRetiredKey>? RetiredLogKeys { get; init; }

    /// <summary>Note verifier keys of the region's witness (cosignature keys).</summary>
    public IReadOnlyList<string> WitnessKeys { get; init; } = [];
}

/// <summary>A retired log key in the trust file: valid for checkpoints up to <see cref="LastTreeSize"/>.</summary>
public sealed record TrustFileRetiredKey
{
    /// <summary>The retired note verifier key.</summary>
    public string Key { get; init; } = "";

    /// <summary>The tree size of the checkpoint of the block holding the KeyRotated entry, as rotate-key prints it.</summary>
    public ulong LastTreeSize { get; init; }
}
