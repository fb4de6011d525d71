using System.Text.RegularExpressions;
using Regional.V1;
using Regional.Node.Errors;
using Regional.Node.Security;

namespace Regional.Node.Catalog;

/// <summary>What makes a licence type well formed, checked before it goes on the log (and, in
/// federation, by every mirror).</summary>
internal static partial class LicenseTypeRules
{
    public const int MaxFields = 64;

    /// <summary>The most departments, and the most purposes, a CONDITIONAL type names.</summary>
    public const int MaxSharingEntries = 64;

    [GeneratedRegex("^[a-z][a-z0-9-]{1,62}$")]
    public static partial Regex CodePattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    public static partial Regex FieldNamePattern();

    [GeneratedRegex("^[a-z]{2,8}-[a-z0-9-]{1,40}$")]
    public static partial Regex DepartmentPattern();

    /// <summary>Adds a violation for every rule the type breaks; field paths are prefixed.</summary>
    public static void Check(LicenseType? type, string region, FieldViolations violations, string prefix = "license_type")
    {
        if (type is null)
        {
            violations.Add(prefix, "missing: want a licence type");
            return;
        }
        if (!CodePattern().IsMatch(type.Code))
        {
            violations.Got($"{prefix}.code", type.Code, "lower-case letters, digits and '-', e.g. 'business-licence'");
        }
        if (string.IsNullOrWhiteSpace(type.NameZh))
        {
            violations.Add($"{prefix}.name_zh", "missing: want the Chinese name, e.g. '营业执照'");
        }
        else
        {
            InputRules.Text(violations, $"{prefix}.name_zh", type.NameZh);
        }
        if (string.IsNullOrWhiteSpace(type.NameEn))
        {
            violations.Add($"{prefix}.name_en", "missing: want the English name, e.g. 'Business licence'");
        }
        else
        {
            InputRules.Text(violations, $"{prefix}.name_en", type.NameEn);
        }
        if (!DepartmentPattern().IsMatch(type.OwningDepartment) || !type.OwningDepartment.StartsWith(region + "-", StringComparison.Ordinal))
        {
            violations.Got($"{prefix}.owning_department", type.OwningDepartment, $"a department of region '{region}', e.g. '{region}-samr'");
        }
        CheckFields(type, violations, prefix);
        CheckSharing(type.Sharing, violations, prefix);
    }

    private static void CheckFields(LicenseType type, FieldViolations violations, string prefix)
    {
        if (type.Fields.Count is 0 or > MaxFields)
        {
            violations.Add($"{prefix}.fields", $"got {type.Fields.Count} fields, want 1 to {MaxFields}");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < type.Fields.Count && i < MaxFields; i++)
        {
            var field = type.Fields[i];
            var path = $"{prefix}.fields[{i}]";
            if (!FieldNamePattern().IsMatch(field.Name))
            {
                violations.Got($"{path}.name", field.Name, "lower snake case, e.g. 'holder_name'");
            }
            else if (!names.Add(field.Name))
            {
                violations.Got($"{path}.name", field.Name, "a name not used by another field");
            }
            InputRules.Text(violations, $"{path}.label_zh", field.LabelZh);
            InputRules.Text(violations, $"{path}.label_en", field.LabelEn);
            if (field.Type == FieldType.Unspecified || !Enum.IsDefined(field.Type))
            {
                violations.Add($"{path}.type", "missing: want TEXT, DATE, NUMBER or IDENTIFIER");
            }
            if (field.Sensitivity == Sensitivity.Unspecified || !Enum.IsDefined(field.Sensitivity))
            {
                violations.Add($"{path}.sensitivity", "missing: want PUBLIC, PERSONAL or SENSITIVE");
            }
        }
    }

    private static void CheckSharing(SharingPolicy? sharing, FieldViolations violations, string prefix)
    {
        if (sharing is null || sharing.SharingClass == SharingClass.Unspecified || !Enum.IsDefined(sharing.SharingClass))
        {
            violations.Add($"{prefix}.sharing.sharing_class", "missing: want UNCONDITIONAL, CONDITIONAL or NOT_SHARED");
            return;
        }
        if (sharing.SharingClass == SharingClass.Conditional && sharing.AllowedDepartments.Count == 0)
        {
            violations.Add($"{prefix}.sharing.allowed_departments", "empty: a CONDITIONAL type names the departments that may ask");
        }
        if (sharing.SharingClass != SharingClass.Conditional && (sharing.AllowedDepartments.Count > 0 || sharing.AllowedPurposes.Count > 0))
        {
            violations.Add($"{prefix}.sharing", "allowed departments and purposes apply only to CONDITIONAL types");
        }
        if (sharing.AllowedDepartments.Count > MaxSharingEntries || sharing.AllowedPurposes.Count > MaxSharingEntries)
        {
            violations.Add($"{prefix}.sharing", $"got {sharing.AllowedDepartments.Count} departments and {sharing.AllowedPurposes.Count} purposes, want at most {MaxSharingEntries} of each");
            return;
        }
        for (var i = 0; i < sharing.AllowedDepartments.Count; i++)
        {
            InputRules.Department(violations, $"{prefix}.sharing.allowed_departments[{i}]", sharing.AllowedDepartments[i]);
        }
        for (var i = 0; i < sharing.AllowedPurposes.Count; i++)
        {
            InputRules.MatterCode(violations, $"{prefix}.sharing.allowed_purposes[{i}]", sharing.AllowedPurposes[i], required: true);
        }
    }
}
