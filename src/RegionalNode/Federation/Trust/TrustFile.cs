using System.Text.Json;
using System.Text.Json.Serialization;

namespace Regional.Node.Federation.Trust;

/// <summary>The federation's trust file as written on disk (JSON). Every node loads the same file;
/// business systems use it to check bundles offline. See docs/federation.md for an example.</summary>
internal sealed record TrustFile
{
    /// <summary>"gm" or "intl": one suite for the whole federation.</summary>
    public string Suite { get; init; } = "";

    /// <summary>Cosignatures from other regions a checkpoint needs. Default 1.</summary>
    public int WitnessQuorum { get; init; } = 1;

    /// <summary>The federation CA's certificate (PEM), a path relative to the trust file.</summary>
    public string? CaCertificate { get; init; }

    public IReadOnlyList<TrustFileRegion> Regions { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads a trust file; a file that is not JSON of this shape gives an error message.</summary>
    public static (TrustFile? File, string? Error) Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<TrustFile>(File.ReadAllText(path), Json);
            return file is null ? (null, $"trust file {path}: empty") : (file, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, $"trust file {path}: {ex.Message}");
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>One region in the trust file.</summary>
internal sealed record TrustFileRegion
{
    /// <summary>"bj", "tj" or "he".</summary>
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The node's gRPC endpoint, e.g. "https://127.0.0.1:7101".</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>The log's origin line, e.g. "regional.example/bj".</summary>
    public string Origin { get; init; } = "";

    /// <summary>Note verifier keys of the log ("name+keyid+base64"); earlier keys stay listed after a rotation.</summary>
    public IReadOnlyList<string> LogKeys { get; init; } = [];

    /// <summary>Note verifier keys of the region's witness (cosignature keys).</summary>
    public IReadOnlyList<string> WitnessKeys { get; init; } = [];
}
