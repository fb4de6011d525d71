using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Regional.Node.Errors;

namespace Regional.Node.Http;

/// <summary>
/// Checks an HTTP/JSON request body against its request message before the transcoder parses it, so a
/// caller gets one google.rpc.BadRequest field violation per bad field ("disclosed[1].salt: got a number,
/// want a base64 string") where the transcoder would answer only "Request JSON payload is not correctly
/// formatted". The rules are the proto3 JSON mapping's: fields by proto name or lowerCamel JSON name, 64-bit
/// integers as numbers or strings, enums by name or number, bytes as base64, Timestamp as RFC 3339, null as
/// the default. Paths use proto names, as the node's own field violations do.
/// </summary>
internal static class JsonShape
{
    /// <summary>The most violations reported for one body; a body of garbage is not answered at length.</summary>
    public const int MaxViolations = 20;

    /// <summary>JSON nesting deeper than this is refused: no request message of regional.v1 nests half as deep.</summary>
    public const int MaxDepth = 32;

    /// <summary>The violations of <paramref name="json"/> as a <paramref name="message"/>; empty when it parses.</summary>
    public static IReadOnlyList<FieldViolation> Check(ReadOnlyMemory<byte> json, MessageDescriptor message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            return [new FieldViolation("body", $"not JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}); want a JSON object of {message.Name}")];
        }
        using (document)
        {
            var violations = new List<FieldViolation>();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                violations.Add(new FieldViolation("body", $"got {Kind(document.RootElement)}, want a JSON object of {message.Name}"));
            }
            else
            {
                CheckMessage(document.RootElement, message, "", violations);
            }
            return violations;
        }
    }

    private static void CheckMessage(JsonElement json, MessageDescriptor message, string path, List<FieldViolation> violations)
    {
        var oneofs = new Dictionary<OneofDescriptor, string>();
        foreach (var property in json.EnumerateObject())
        {
            if (violations.Count >= MaxViolations)
            {
                return;
            }
            var field = message.FindFieldByName(property.Name)
                ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name);
            if (field is null)
            {
                violations.Add(new FieldViolation(Join(path, FieldViolations.Quote(property.Name)), $"unknown field of {message.Name}"));
                continue;
            }
            var at = Join(path, field.Name);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            if (field.RealContainingOneof is { } oneof)
            {
                if (oneofs.TryGetValue(oneof, out var first))
                {
                    violations.Add(new FieldViolation(at, $"set together with {first}, want one field of '{oneof.Name}'"));
                    continue;
                }
                oneofs[oneof] = field.Name;
            }
            if (field.IsMap)
            {
                CheckMap(property.Value, field, at, violations);
            }
            else if (field.IsRepeated)
            {
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    violations.Add(new FieldViolation(at, $"got {Kind(property.Value)}, want an array"));
                    continue;
                }
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    CheckValue(item, field, $"{at}[{index++}]", violations);
                }
            }
            else
            {
                CheckValue(property.Value, field, at, violations);
            }
        }
    }

    private static void CheckMap(JsonElement json, FieldDescriptor field, string path, List<FieldViolation> violations)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new FieldViolation(path, $"got {Kind(json)}, want an object"));
            return;
        }
        var value = field.MessageType.FindFieldByNumber(2);
        foreach (var entry in json.EnumerateObject())
        {
            CheckValue(entry.Value, value, $"{path}[\"{FieldViolations.Quote(entry.Name)}\"]", violations);
        }
    }

    private static void CheckValue(JsonElement json, FieldDescriptor field, string path, List<FieldViolation> violations)
    {
        if (violations.Count >= MaxViolations)
        {
            return;
        }
        var want = field.FieldType switch
        {
            FieldType.String => json.ValueKind == JsonValueKind.String ? null : "a string",
            FieldType.Bool => json.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "true or false",
            FieldType.Bytes => IsBase64(json) ? null : "a base64 string",
            FieldType.Double or FieldType.Float => IsFloat(json) ? null : "a number",
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => IsInteger(json, int.MinValue, int.MaxValue) ? null : "a 32-bit integer",
            FieldType.UInt32 or FieldType.Fixed32 => IsInteger(json, 0, uint.MaxValue) ? null : "an unsigned 32-bit integer",
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => IsInteger(json, long.MinValue, long.MaxValue) ? null : "a 64-bit integer (number or string)",
            FieldType.UInt64 or FieldType.Fixed64 => IsUnsigned64(json) ? null : "an unsigned 64-bit integer (number or string)",
            FieldType.Enum => IsEnum(json, field.EnumType) ? null : $"one of {string.Join(", ", field.EnumType.Values.Select(v => v.Name))}",
            FieldType.Message => null,
            _ => null,
        };
        if (want is not null)
        {
            violations.Add(new FieldViolation(path, $"got {Kind(json)}, want {want}"));
            return;
        }
        if (field.FieldType != FieldType.Message)
        {
            return;
        }
        if (field.MessageType.FullName == Timestamp.Descriptor.FullName)
        {
            if (!IsTimestamp(json))
            {
                violations.Add(new FieldViolation(path, $"got {Kind(json)}, want an RFC 3339 time such as \"2027-01-31T16:00:00Z\""));
            }
        }
        else if (json.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new FieldViolation(path, $"got {Kind(json)}, want an object of {field.MessageType.Name}"));
        }
        else
        {
            CheckMessage(json, field.MessageType, path, violations);
        }
    }

    private static bool IsInteger(JsonElement json, decimal min, decimal max)
    {
        decimal value;
        if (json.ValueKind == JsonValueKind.Number)
        {
            if (!json.TryGetDecimal(out value))
            {
                return false;
            }
        }
        else if (json.ValueKind != JsonValueKind.String
            || !decimal.TryParse(json.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        return value == decimal.Truncate(value) && value >= min && value <= max;
    }

    private static bool IsUnsigned64(JsonElement json) => IsInteger(json, 0, ulong.MaxValue);

    private static bool IsFloat(JsonElement json) => json.ValueKind == JsonValueKind.Number
        || (json.ValueKind == JsonValueKind.String
            && (json.GetString() is "NaN" or "Infinity" or "-Infinity"
                || double.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)));

    private static bool IsEnum(JsonElement json, EnumDescriptor type) => json.ValueKind switch
    {
        JsonValueKind.String => type.FindValueByName(json.GetString()!) is not null,
        JsonValueKind.Number => json.TryGetInt32(out _),
        _ => false,
    };

    private static bool IsBase64(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        // proto3 JSON accepts standard and URL-safe base64, padded or not.
        var text = json.GetString()!.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static bool IsTimestamp(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        try
        {
            JsonParser.Default.Parse<Timestamp>(JsonSerializer.Serialize(json.GetString()));
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
        catch (InvalidJsonException)
        {
            return false;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Kind(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
