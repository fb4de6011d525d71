using System.Globalization;
using System.Text.RegularExpressions;
using Regional.V1;
using Regional.Node.Errors;

namespace Regional.Node.Licenses;

/// <summary>Checks a licence's fields against its type in the directory.</summary>
internal static partial class LicenseFieldRules
{
    public const int MaxFields = 64;
    public const int MaxValueLength = 4096;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex IdentifierPattern();

    /// <summary>Adds a violation for every problem of the field set: undeclared, duplicated,
    /// missing required, or a value of the wrong form.</summary>
    public static void Check(LicenseType type, IReadOnlyList<LicenseField> fields, FieldViolations violations, string prefix = "fields")
    {
        if (fields.Count > MaxFields)
        {
            violations.Add(prefix, $"got {fields.Count} fields, want at most {MaxFields}");
            return;
        }
        var declared = type.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var path = $"{prefix}[{i}]";
            if (!declared.TryGetValue(field.Name, out var spec))
            {
                violations.Got($"{path}.name", field.Name, $"a field of '{type.Code}': {string.Join(", ", declared.Keys)}");
                continue;
            }
            if (!seen.Add(field.Name))
            {
                violations.Got($"{path}.name", field.Name, "each field once");
                continue;
            }
            if (ValueProblem(spec, field.Value) is { } problem)
            {
                violations.Add($"{path}.value", $"{field.Name}: {problem}");
            }
        }
        foreach (var spec in type.Fields.Where(f => f.Required && !seen.Contains(f.Name)))
        {
            violations.Add(prefix, $"missing required field '{spec.Name}' ({spec.LabelZh} / {spec.LabelEn})");
        }
    }

    /// <summary>Why a value does not fit its field, or null when it does.</summary>
    public static string? ValueProblem(FieldSpec spec, string value)
    {
        if (TextProblem(value) is { } text)
        {
            return text;
        }
        return spec.Type switch
        {
            FieldType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                => $"got '{FieldViolations.Quote(value)}', want a date YYYY-MM-DD",
            FieldType.Number when !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
                => $"got '{FieldViolations.Quote(value)}', want a decimal number such as 120.5",
            FieldType.Identifier when !IdentifierPattern().IsMatch(value)
                => $"got '{FieldViolations.Quote(value)}', want letters, digits and '-' (at most 64)",
            _ => null,
        };
    }

    /// <summary>Rejects empty, over-long and non-text values: control characters, unpaired
    /// surrogates and U+FFFD (what invalid UTF-8 on the wire decodes to).</summary>
    public static string? TextProblem(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "empty: want a value";
        }
        if (value.Length > MaxValueLength)
        {
            return $"got {value.Length} characters, want at most {MaxValueLength}";
        }
        return Security.InputRules.CharacterProblem(value, refuseFormatting: false);
    }

    /// <summary>Checks a validity period: not_after after not_before.</summary>
    public static void CheckValidity(Validity? validity, FieldViolations violations, string field = "validity")
    {
        if (!LicenseVerifier.Bundles.LicenseStatusRules.IsValidValidity(validity))
        {
            violations.Add(field, "a timestamp is outside years 1 to 9999 or not normalised");
            return;
        }
        if (validity?.NotBefore is { } from && validity.NotAfter is { } until && until.ToDateTimeOffset() <= from.ToDateTimeOffset())
        {
            violations.Add($"{field}.not_after", $"got {until}, want a time after not_before {from}");
        }
    }
}
