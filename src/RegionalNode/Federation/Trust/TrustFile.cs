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

    /// <summary>Note verifier keys of the log ("name+keyid+base64") valid at any tree size: the current key.</summary>
    public IReadOnlyList<string> LogKeys { get; init; } = [];

    /// <summary>Keys the log retired by rotate-key, oldest first, each with the last tree size it
    /// signed; absent (null) for a region that never rotated. See docs/federation.md, "Key rotation".</summary>
    public IReadOnlyList<TrustFileRetiredKey>? RetiredLogKeys { get; init; }

    /// <summary>Note verifier keys of the region's witness (cosignature keys).</summary>
    public IReadOnlyList<string> WitnessKeys { get; init; } = [];
}

/// <summary>A retired log key in the trust file: valid for checkpoints up to <see cref="LastTreeSize"/>.</summary>
internal sealed record TrustFileRetiredKey
{
    /// <summary>The retired note verifier key.</summary>
    public string Key { get; init; } = "";

    /// <summary>The tree size of the checkpoint of the block holding the KeyRotated entry, as rotate-key prints it.</summary>
    public ulong LastTreeSize { get; init; }
}
