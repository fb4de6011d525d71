using System.Text.RegularExpressions;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Errors;

namespace Regional.Node.Security;

/// <summary>
/// Patterns and limits for every caller-chosen string that can reach the log, a signed token or a log
/// line (docs/input-limits.md): codes and names are short and plain, free text is bounded and clean.
/// A violation is INVALID_ARGUMENT with a field violation, before anything is queued or written: an
/// append-only log replicated to every region must not carry megabytes of text, terminal escapes,
/// bidirectional overrides or personal data smuggled into a matter name.
/// </summary>
internal static partial class InputRules
{
    /// <summary>Free text written to the log or a token: matter names, places, clerks' names, catalog labels.</summary>
    public const int MaxTextLength = 64;

    /// <summary>Field names in one request (a download, a grant, a fact check).</summary>
    public const int MaxFieldNames = 64;

    /// <summary>A matter (事项) code: lower-case letters, digits and '-', 1 to 64, e.g. power-account-transfer.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    public static partial Regex MatterCodePattern();

    /// <summary>A grant id as the issuing node makes them: "g-" and 24 lower-case hex digits.</summary>
    [GeneratedRegex("^g-[0-9a-f]{24}$")]
    public static partial Regex GrantIdPattern();

    /// <summary>A field name: lower snake case, as the catalog declares them.</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    public static partial Regex FieldNamePattern();

    /// <summary>Why a piece of free text is not acceptable, or null: empty (when required), longer than
    /// <paramref name="max"/>, or not clean (control and bidirectional formatting characters, line and
    /// paragraph separators, unpaired surrogates, U+FFFD from invalid UTF-8).</summary>
    public static string? TextProblem(string? value, int max = MaxTextLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required || !string.IsNullOrEmpty(value) ? "empty: want some text" : null;
        }
        if (value.Length > max)
        {
            return $"got {value.Length} characters, want at most {max}";
        }
        return CharacterProblem(value, refuseFormatting: true);
    }

    /// <summary>The first character that makes text unclean, or null: control characters, U+FFFD (what invalid
    /// UTF-8 decodes to), unpaired surrogates and, when <paramref name="refuseFormatting"/>, bidirectional
    /// formatting and line separators. Shared with the licence field values, which allow formatting.</summary>
    public static string? CharacterProblem(string value, bool refuseFormatting)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return $"control character U+{(int)c:X4} at {i}: want printable text";
            }
            if (refuseFormatting && IsBidiOrSeparator(c))
            {
                return $"formatting character U+{(int)c:X4} at {i}: want text without bidirectional controls or line separators";
            }
            if (c == '\uFFFD')
            {
                return "not valid UTF-8 text (U+FFFD replacement character)";
            }
            if ((char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])))
                || (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1]))))
            {
                return $"unpaired surrogate at {i}: want valid Unicode";
            }
        }
        return null;
    }

    private static bool IsBidiOrSeparator(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';

    /// <summary>Free text, optional unless <paramref name="required"/>.</summary>
    public static void Text(FieldViolations violations, string field, string? value, bool required = false, int max = MaxTextLength)
    {
        if (TextProblem(value, max, required) is { } problem)
        {
            violations.Add(field, problem);
        }
    }

    public static void MatterCode(FieldViolations violations, string field, string value, bool required)
    {
        if ((required || value.Length > 0) && !MatterCodePattern().IsMatch(value))
        {
            violations.Got(field, value, "a matter code: lower-case letters, digits and '-', at most 64, e.g. 'power-account-transfer'");
        }
    }

    public static void GrantId(FieldViolations violations, string field, string value, bool required)
    {
        if ((required || value.Length > 0) && !GrantIdPattern().IsMatch(value))
        {
            violations.Got(field, value, "a grant id such as 'g-0123456789abcdef01234567'");
        }
    }

    /// <summary>A department code of any region ("tj-power"): a name with the region before the first '-'.</summary>
    public static void Department(FieldViolations violations, string field, string value)
    {
        var region = value.Split('-', 2)[0];
        if (!CertificateIdentity.IsDepartmentOf(value, region))
        {
            violations.Got(field, value, "a department code '<region>-<name>' of lower-case letters, digits and '-', at most 32, e.g. 'tj-power'");
        }
    }

    /// <summary>A service window code, optional: a name as client certificates carry it.</summary>
    public static void Window(FieldViolations violations, string field, string value)
    {
        if (value.Length > 0 && !CertificateIdentity.IsName(value))
        {
            violations.Got(field, value, "a window code: lower-case letters, digits and '-', at most 32, e.g. 'binhai-hall'");
        }
    }

    /// <summary>A list of field names: each a field name, each once, at most <see cref="MaxFieldNames"/>.
    /// Whether they are the licence type's fields is checked where the type is known.</summary>
    public static void FieldNames(FieldViolations violations, string field, IReadOnlyList<string> names)
    {
        if (names.Count > MaxFieldNames)
        {
            violations.Add(field, $"got {names.Count} field names, want at most {MaxFieldNames}");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (!FieldNamePattern().IsMatch(names[i]))
            {
                violations.Got($"{field}[{i}]", names[i], "a field name such as 'owner_name'");
            }
            else if (!seen.Add(names[i]))
            {
                violations.Got($"{field}[{i}]", names[i], "each field once");
            }
        }
    }
}
