using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>One row of an import file: its line number and the request it makes, or why it cannot.</summary>
internal sealed record ImportRow(int Line, IssueLicenseRequest? Request, string? Error);

/// <summary>
/// Reads licences to import. CSV: a header row with license_type, holder_id, optional
/// issuing_department, and one column per licence field (empty cells are left out); quoted cells
/// may hold commas. JSON Lines: {"license_type": ..., "holder_id": ..., "issuing_department": ...,
/// "fields": {"name": "value", ...}} per line. Each row's request id is derived from the file name,
/// line and content, so importing the same file again issues nothing twice.
/// </summary>
internal static class ImportRows
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly HashSet<string> Reserved = ["license_type", "holder_id", "issuing_department"];

    public static IEnumerable<ImportRow> Read(string path)
    {
        var json = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);
        string[]? header = null;
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text) || text.StartsWith('#'))
            {
                continue;
            }
            if (!json && header is null)
            {
                header = Cells(text) ?? [];
                if (!header.Contains("license_type") || !header.Contains("holder_id"))
                {
                    yield return new ImportRow(line, null, "the header must name license_type, holder_id and the field columns");
                    yield break;
                }
                continue;
            }
            var (request, error) = json ? FromJson(text) : FromCsv(header!, text);
            request?.RequestId = $"import-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Path.GetFileName(path)}\n{line}\n{text}")))[..32]}";
            yield return new ImportRow(line, request, error);
        }
    }

    private static (IssueLicenseRequest?, string?) FromCsv(string[] header, string text)
    {
        var cells = Cells(text);
        if (cells is null || cells.Length != header.Length)
        {
            return (null, $"got {cells?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unbalanced quotes in"} cells, want {header.Length} as in the header");
        }
        var row = header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var request = new IssueLicenseRequest { LicenseType = row["license_type"], HolderId = row["holder_id"], IssuingDepartment = row.GetValueOrDefault("issuing_department", "") };
        request.Fields.AddRange(row.Where(p => !Reserved.Contains(p.Key) && p.Value.Length > 0).Select(p => new LicenseField { Name = p.Key, Value = p.Value }));
        return (request, null);
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
            var request = new IssueLicenseRequest { LicenseType = row.LicenseType ?? "", HolderId = row.HolderId ?? "", IssuingDepartment = row.IssuingDepartment ?? "" };
            request.Fields.AddRange((row.Fields ?? []).Select(p => new LicenseField { Name = p.Key, Value = p.Value }));
            return (request, null);
        }
        catch (JsonException ex)
        {
            return (null, $"not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Splits a CSV line (RFC 4180 quoting within one line); null when quotes are unbalanced.</summary>
    private static string[]? Cells(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') { quoted = !quoted; }
            else if (c == ',' && !quoted) { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else { cell.Append(c); }
        }
        cells.Add(cell.ToString().Trim());
        return quoted ? null : [.. cells];
    }

    private sealed record JsonRow(string? LicenseType, string? HolderId, string? IssuingDepartment, Dictionary<string, string>? Fields);
}
