using System.Globalization;
using System.Text;

namespace Regional.Cli.Output;

/// <summary>
/// Text that came from a caller somewhere in the federation (a matter name, a place, a clerk's name, a
/// department in an access record) printed so it cannot act on the terminal: control characters (an
/// escape sequence could rewrite the screen or forge a line), bidirectional overrides (could reverse
/// what a clerk reads) and line separators are shown as \u{XXXX}. Nodes refuse such text today; the CLI
/// does not rely on every node, old entry or mirror having done so.
/// </summary>
internal static class SafeText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(IsUnsafe))
        {
            return text ?? "";
        }
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}");
            }
            else
            {
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
