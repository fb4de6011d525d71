using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;

namespace Regional.Cli.Output;

/// <summary>The --json output: protobuf JSON (proto3 JSON mapping) for API answers, camelCase
/// System.Text.Json for the CLI's own reports. Chinese is written as is, not escaped.</summary>
internal static class JsonOutput
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation());

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(IMessage message) => Formatter.Format(message);

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);
}
