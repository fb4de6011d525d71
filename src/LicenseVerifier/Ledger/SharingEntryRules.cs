using Regional.V1;

namespace Regional.LicenseVerifier.Ledger;

/// <summary>
/// The shape of the directory chain's entries (sharing applications, approvals, refusals, revocations):
/// an application id, a licence type, at least one matter, a term. Whether a decision follows its
/// application, and an approval is no wider than asked, is the writing node's rule (it holds both).
/// </summary>
/// <remarks>Pure and thread-safe. Returns the problem as text, or null when the entry is well formed.</remarks>
public static class SharingEntryRules
{
    /// <summary>The prefix of every application id ("ap-" and 24 lower-case hex digits).</summary>
    public const string IdPrefix = "ap-";

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Whether the text is an application id as the owning node makes them.</summary>
    public static bool IsApplicationId(string id) =>
        id.Length == IdPrefix.Length + 24 && id.StartsWith(IdPrefix, StringComparison.Ordinal)
        && id.AsSpan(IdPrefix.Length).IndexOfAnyExcept(LowerHex) < 0;

    /// <summary>Checks a SharingApplied entry.</summary>
    public static string? Applied(SharingApplied applied) =>
        !IsApplicationId(applied.ApplicationId) ? $"sharing application id '{applied.ApplicationId}' is malformed"
        : applied.LicenseType.Length == 0 || applied.ApplicantDepartment.Length == 0 || applied.OwningDepartment.Length == 0
            ? $"sharing application {applied.ApplicationId} without a licence type or department"
        : applied.MatterCodes.Count == 0 ? $"sharing application {applied.ApplicationId} names no matter"
        : applied.RequestedUntil is null ? $"sharing application {applied.ApplicationId} without a term"
        : null;

    /// <summary>Checks a SharingApproved entry.</summary>
    public static string? Approved(SharingApproved approved) =>
        !IsApplicationId(approved.ApplicationId) ? $"sharing approval id '{approved.ApplicationId}' is malformed"
        : approved.MatterCodes.Count == 0 ? $"sharing approval {approved.ApplicationId} names no matter"
        : approved.Until is null ? $"sharing approval {approved.ApplicationId} without a term"
        : null;

    /// <summary>Checks a refusal or revocation: an application id and a reason.</summary>
    public static string? Decided(string applicationId, string reason, string what) =>
        !IsApplicationId(applicationId) ? $"sharing {what} of a malformed application id '{applicationId}'"
        : reason.Length == 0 ? $"sharing {what} of {applicationId} without a reason"
        : null;
}
