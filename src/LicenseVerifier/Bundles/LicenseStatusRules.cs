using Regional.V1;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>
/// How a licence's recorded status, validity and a field check become one verification answer.
/// Used alike by the node and by offline bundle verification, so both always agree.
/// </summary>
public static class LicenseStatusRules
{
    /// <summary>The answer, in order of precedence: a field mismatch, then revoked, suspended,
    /// not yet in force (reported as SUSPENDED), expired, valid.</summary>
    /// <param name="status">The status the log records (the last status entry; ACTIVE if none).</param>
    /// <param name="validity">The licence's validity from its current version.</param>
    /// <param name="fieldsMatch">Whether every disclosed or typed field matched.</param>
    /// <param name="now">The time to judge validity at; the caller reads its own clock.</param>
    public static (VerificationStatus Status, string Detail) Decide(LicenseStatus status, Validity? validity, bool fieldsMatch, DateTimeOffset now)
    {
        if (!fieldsMatch)
        {
            return (VerificationStatus.Mismatch, "a disclosed field does not match the committed digest");
        }
        if (status == LicenseStatus.Revoked)
        {
            return (VerificationStatus.Revoked, "revoked by the issuer");
        }
        if (status == LicenseStatus.Suspended)
        {
            return (VerificationStatus.Suspended, "suspended by the issuer");
        }
        if (validity?.NotBefore is { } from && now < from.ToDateTimeOffset())
        {
            return (VerificationStatus.Suspended, $"not in force until {from.ToDateTimeOffset():u}");
        }
        if (validity?.NotAfter is { } until && now >= until.ToDateTimeOffset())
        {
            return (VerificationStatus.Expired, $"expired at {until.ToDateTimeOffset():u}");
        }
        return (VerificationStatus.Valid, "in force");
    }
}
