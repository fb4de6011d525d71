using Regional.V1;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>
/// How a licence's recorded status, validity and a field check become one verification answer.
/// Used alike by the node and by offline bundle verification, so both always agree.
/// </summary>
public static class LicenseStatusRules
{
    /// <summary>Smallest and largest seconds a protobuf Timestamp may hold (0001-01-01 to 9999-12-31).</summary>
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>Whether a status may follow another: ACTIVE to SUSPENDED or REVOKED, SUSPENDED to
    /// ACTIVE (reinstated) or REVOKED. REVOKED is final; UNSPECIFIED is never a status.</summary>
    public static bool IsAllowedChange(LicenseStatus from, LicenseStatus to) => (from, to) switch
    {
        (LicenseStatus.Active, LicenseStatus.Suspended) => true,
        (LicenseStatus.Active, LicenseStatus.Revoked) => true,
        (LicenseStatus.Suspended, LicenseStatus.Active) => true,
        (LicenseStatus.Suspended, LicenseStatus.Revoked) => true,
        _ => false,
    };

    /// <summary>Whether a timestamp is absent or within the protobuf range (years 1 to 9999) and
    /// normalised, so converting it cannot throw.</summary>
    public static bool IsValidTimestamp(Google.Protobuf.WellKnownTypes.Timestamp? time) =>
        time is null || (time.Seconds is >= MinSeconds and <= MaxSeconds && time.Nanos is >= 0 and < 1_000_000_000);

    /// <summary>Whether both ends of a validity period are valid timestamps.</summary>
    public static bool IsValidValidity(Validity? validity) =>
        validity is null || (IsValidTimestamp(validity.NotBefore) && IsValidTimestamp(validity.NotAfter));

    /// <summary>The answer, in order of precedence: a field mismatch, then revoked, suspended,
    /// not yet in force (reported as SUSPENDED), expired, valid.</summary>
    /// <param name="status">The status the log records (the last status entry; ACTIVE if none).</param>
    /// <param name="validity">The licence's validity from its current version.</param>
    /// <param name="fieldsMatch">Whether every disclosed or typed field matched.</param>
    /// <param name="now">The time to judge validity at; the caller reads its own clock.</param>
    /// <exception cref="ArgumentException">The validity holds an out-of-range timestamp
    /// (check with <see cref="IsValidValidity"/> first).</exception>
    public static (VerificationStatus Status, string Detail) Decide(LicenseStatus status, Validity? validity, bool fieldsMatch, DateTimeOffset now)
    {
        if (!IsValidValidity(validity))
        {
            throw new ArgumentException("validity holds a timestamp outside years 1 to 9999", nameof(validity));
        }
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
