using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Regional.Cli.Output;

/// <summary>A plain text table: columns padded to their widest cell, where Chinese characters count
/// two columns (as terminals draw them) and ANSI colour codes count none.</summary>
internal sealed partial class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(TextWriter output, Styles style)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        output.WriteLine(style.Bold(Line(headers, widths)));
        foreach (var row in _rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    /// <summary>Two-column "name  value" lines for one record.</summary>
    public static void Pairs(TextWriter output, params (string Name, string Value)[] pairs)
    {
        var width = pairs.Max(p => Width(p.Name));
        foreach (var (name, value) in pairs)
        {
            output.WriteLine($"{name}{new string(' ', width - Width(name))}  {value}");
        }
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(cells[i]);
            if (i < cells.Length - 1)
            {
                line.Append(' ', widths[i] - Width(cells[i]) + 2);
            }
        }
        return line.ToString();
    }

    /// <summary>Display width: East Asian wide characters count 2, colour codes 0.</summary>
    public static int Width(string text)
    {
        var width = 0;
        foreach (var rune in Ansi().Replace(text, "").EnumerateRunes())
        {
            width += IsWide(rune) ? 2 : 1;
        }
        return width;
    }

    private static bool IsWide(Rune rune) => rune.Value is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF)
        or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60)
        or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x20000 and <= 0x3FFFD)
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter && rune.Value >= 0x3000;

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Ansi();
}
