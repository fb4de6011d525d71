using Google.Protobuf.WellKnownTypes;
using Regional.Node.Errors;
using Regional.V1;

namespace Regional.Node.Sharing;

/// <summary>The checks of an application's and an approval's terms that need the directory or the clock:
/// the fields are the type's, the term is in the future and not too far; and the request key that keeps
/// one department's retries apart from another's.</summary>
internal static class SharingTerms
{
    /// <summary>The longest term an application may ask for, or an approval give: three years.</summary>
    public static readonly TimeSpan MaxTerm = TimeSpan.FromDays(1096);

    public static void CheckFields(FieldViolations violations, string field, IEnumerable<string> fields, LicenseType type)
    {
        var names = type.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in fields.Where(f => !names.Contains(f)))
        {
            violations.Add(field, $"'{FieldViolations.Quote(name)}' is not a field of {type.Code}; it has {string.Join(", ", names.Order(StringComparer.Ordinal))}");
        }
    }

    public static void CheckTerm(FieldViolations violations, string field, Timestamp? until, DateTimeOffset now)
    {
        if (until is null || until.ToDateTimeOffset() <= now)
        {
            violations.Add(field, $"missing or in the past: want a time after {now:u}");
        }
        else if (until.ToDateTimeOffset() > now + MaxTerm)
        {
            violations.Add(field, $"{until.ToDateTimeOffset():u} is more than {MaxTerm.TotalDays:0} days ahead: want at most {now + MaxTerm:u}");
        }
    }

    /// <summary>The idempotency key of a write by a department: its request id, kept apart from other departments'.</summary>
    public static string? RequestKey(string requestId, string department) =>
        requestId.Length == 0 ? null : $"sharing:{department}:{requestId}";
}
