using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regional.Vectors;

/// <summary>Writing vector files: indented JSON, Chinese as is, LF line ends, a final newline; bytes in
/// lowercase hex unless the wire form is base64.</summary>
internal static class VectorFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static JsonArray HexArray(IEnumerable<byte[]> items) => [.. items.Select(i => (JsonNode)Hex(i))];

    /// <summary>Writes <paramref name="content"/> to <paramref name="directory"/>/<paramref name="name"/>.</summary>
    public static void Write(string directory, string name, JsonObject content)
    {
        var text = content.ToJsonString(Options).ReplaceLineEndings("\n") + "\n";
        File.WriteAllText(Path.Combine(directory, name), text, new System.Text.UTF8Encoding(false));
        Console.WriteLine($"wrote {name}");
    }
}
