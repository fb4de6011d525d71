using System.Text.Json;
using nietras.SeparatedValues;
using Regional.V1;

namespace Regional.Cli.Import;

/// <summary>One row of an import file: the line it starts on and the request it makes, or why it cannot.</summary>
internal sealed record ImportRow(int Line, IssueLicenseRequest? Request, string? Error);

/// <summary>
/// Reads licences to import. CSV (RFC 4180, parsed by Sep): a header row with license_type, holder_id,
/// optional issuing_department and request_id, and one column per licence field; quoted cells may hold
/// commas, quotes ("") and line breaks; every value is kept exactly as written (no trimming) but for line
/// breaks, which become U+2028 (<see cref="Field"/>), and empty cells are left out. JSON Lines: {"license_type": ..., "holder_id": ..., "issuing_department": ...,
/// "request_id": ..., "fields": {"name": "value", ...}} per line; blank and '#' lines are skipped. Either
/// in UTF-8 or GB18030 (<see cref="ImportEncoding"/>). A row without request_id gets one from its
/// content once its department is known (<see cref="RequestIds"/>).
/// </summary>
internal static class ImportRows
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly HashSet<string> Reserved = ["license_type", "holder_id", "issuing_department", "request_id"];

    public static IReadOnlyList<ImportRow> Read(string path, string? encoding)
    {
        var (text, _) = ImportEncoding.Read(path, encoding);
        var json = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
        return json ? FromJsonLines(text) : FromCsv(text);
    }

    private static List<ImportRow> FromCsv(string text)
    {
        var rows = new List<ImportRow>();
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromText(text);
        var header = reader.Header.ColNames;
        if (!header.Contains("license_type") || !header.Contains("holder_id"))
        {
            return [new ImportRow(1, null, "the header must name license_type, holder_id and the field columns")];
        }
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.Length == 0)
            {
                continue; // a blank line
            }
            if (row.ColCount != header.Count)
            {
                rows.Add(new ImportRow(line, null, $"got {row.ColCount} cells, want {header.Count} as in the header"));
                continue;
            }
            var cells = new List<(string Name, string Value)>(header.Count);
            for (var i = 0; i < header.Count; i++)
            {
                cells.Add((header[i], row[i].ToString()));
            }
            string Cell(string name) => cells.FirstOrDefault(c => c.Name == name).Value ?? "";
            var request = new IssueLicenseRequest
            {
                LicenseType = Cell("license_type"), HolderId = Cell("holder_id"),
                IssuingDepartment = Cell("issuing_department"), RequestId = Cell("request_id"),
            };
            request.Fields.AddRange(cells.Where(c => !Reserved.Contains(c.Name) && c.Value.Length > 0).Select(c => Field(c.Name, c.Value)));
            rows.Add(new ImportRow(line, request, null));
        }
        return rows;
    }

    private static List<ImportRow> FromJsonLines(string text)
    {
        var rows = new List<ImportRow>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!string.IsNullOrWhiteSpace(line) && !line.StartsWith('#'))
            {
                var (request, error) = FromJson(line);
                rows.Add(new ImportRow(i + 1, request, error));
            }
        }
        return rows;
    }

    private static (IssueLicenseRequest?, string?) FromJson(string text)
    {
        try
        {
            var row = JsonSerializer.Deserialize<JsonRow>(text, Json);
            if (row is null)
            {
                return (null, "not a JSON object");
            }
            var request = new IssueLicenseRequest { LicenseType = row.LicenseType ?? "", HolderId = row.HolderId ?? "", IssuingDepartment = row.IssuingDepartment ?? "", RequestId = row.RequestId ?? "" };
            request.Fields.AddRange((row.Fields ?? []).Select(p => Field(p.Key, p.Value)));
            return (request, null);
        }
        catch (JsonException ex)
        {
            return (null, $"not valid JSON: {ex.Message}");
        }
    }

    /// <summary>A field as written, but for its line breaks (CR LF, LF or CR: a cell typed with Alt+Enter in
    /// Excel), which become U+2028 LINE SEPARATOR: the node refuses control characters in a value, and the
    /// line separator keeps where the lines broke.</summary>
    private static LicenseField Field(string name, string value) => new()
    {
        Name = name,
        Value = value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            ? value.Replace("\r\n", LineSeparator, StringComparison.Ordinal).Replace('\r', '\u2028').Replace('\n', '\u2028')
            : value,
    };

    public const string LineSeparator = "\u2028";

    private sealed record JsonRow(string? LicenseType, string? HolderId, string? IssuingDepartment, string? RequestId, Dictionary<string, string>? Fields);
}
