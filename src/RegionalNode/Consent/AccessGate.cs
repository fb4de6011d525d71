using Regional.Node.Errors;
using Regional.Node.Sharing;
using Regional.Node.Storage;
using Regional.Node.Storage.Consent;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>What an access may see: the fields (null: all of them), the grant it used, if any, and the
/// directory approval it ran under, if any.</summary>
internal sealed record AccessDecision(IReadOnlyList<string>? Fields, GrantRow? Grant, SharingApproved? Approval = null);

/// <summary>
/// The directory's sharing class, enforced by the issuing region: the owning department sees its own
/// licences; UNCONDITIONAL types any relying party; CONDITIONAL types only the listed departments and
/// purposes, or a department whose application the owner approved for the matter (<see cref="EffectiveSharing"/>,
/// whose fields then narrow the grant's), with a valid holder grant; NOT_SHARED types nobody else. Refusals say why.
/// </summary>
internal static class AccessGate
{
    /// <exception cref="NodeException">PERMISSION_DENIED with the reason (NOT_SHARED, NO_APPROVAL, APPROVAL_REVOKED,
    /// APPROVAL_EXPIRED, FIELD_NOT_APPROVED, PURPOSE_NOT_ALLOWED, NO_GRANT, WRONG_RELYING_PARTY, WRONG_MATTER, GRANT_WITHDRAWN, GRANT_EXPIRED,
    /// GRANT_USED, FIELD_NOT_GRANTED).</exception>
    public static AccessDecision Decide(IStoreSession session, long logId, LicenseRow row, AccessContext access,
        string grantId, string matter, IReadOnlyCollection<string> requested, DateTimeOffset now)
    {
        var wanted = requested.Count > 0 ? requested.ToList() : null;
        if (access.Department == row.Department)
        {
            return new AccessDecision(wanted, null);
        }
        var sharing = session.Catalog.Find(logId, row.LicenseType)?.Type.Sharing;
        switch (sharing?.SharingClass ?? SharingClass.NotShared)
        {
            case SharingClass.Unconditional:
                return new AccessDecision(wanted, null);
            case SharingClass.Conditional:
                break;
            default:
                throw Denied("NOT_SHARED", $"{row.LicenseId} is a {row.LicenseType}, which is not shared: it never leaves {row.Department}");
        }
        // A department of the catalog's own list is bound by its purposes; any other by an approval in force.
        SharingApproved? approval = null;
        if (!sharing!.AllowedDepartments.Contains(access.Department))
        {
            approval = EffectiveSharing.Require(session.Sharing, logId, row.LicenseType, access.Department, matter, wanted, now);
        }
        else if (sharing.AllowedPurposes.Count > 0 && !sharing.AllowedPurposes.Contains(matter))
        {
            throw Denied("PURPOSE_NOT_ALLOWED", $"matter_code: got '{FieldViolations.Quote(matter)}', the directory shares {row.LicenseType} only for {string.Join(", ", sharing.AllowedPurposes)}");
        }
        var grant = Check(session.Consent, row.LicenseId, access, grantId, matter, now);
        var outside = (wanted ?? []).Where(f => !grant.Grant.Fields.Contains(f)).ToList();
        if (outside.Count > 0)
        {
            throw Denied("FIELD_NOT_GRANTED", $"grant {grantId} does not cover the field(s) {string.Join(", ", outside)}; it covers {string.Join(", ", grant.Grant.Fields)}");
        }
        IReadOnlyList<string> fields = wanted ?? [.. grant.Grant.Fields];
        return new AccessDecision(approval is null ? fields : EffectiveSharing.Narrow(approval, fields), grant, approval);
    }

    private static GrantRow Check(IConsentStore consent, string licenseId, AccessContext access, string grantId, string matter, DateTimeOffset now)
    {
        if (grantId.Length == 0)
        {
            throw Denied("NO_GRANT", $"{licenseId} is shared only with the holder's consent: want grant_id of a grant to {access.Department}");
        }
        var grant = consent.Find(grantId);
        if (grant is null || grant.Grant.LicenseId != licenseId)
        {
            throw Denied("NO_GRANT", $"grant_id: no grant '{FieldViolations.Quote(grantId)}' on {licenseId}");
        }
        var granted = grant.Grant;
        // A window-bound grant matches only the window the caller's certificate names: a declared place never does.
        if (granted.RelyingDepartment != access.Department || (granted.RelyingWindow.Length > 0 && granted.RelyingWindow != access.Window))
        {
            var window = granted.RelyingWindow.Length > 0 ? $" at the window {granted.RelyingWindow}" : "";
            var caller = access.Window.Length > 0 ? $"{access.Department} at the window {access.Window}" : $"{access.Department} (no window in its certificate)";
            throw Denied("WRONG_RELYING_PARTY", $"grant {grantId} is for {granted.RelyingDepartment}{window}, not {caller}");
        }
        if (granted.MatterCode != matter)
        {
            throw Denied("WRONG_MATTER", $"grant {grantId} is for the matter {granted.MatterCode}; got '{FieldViolations.Quote(matter)}'");
        }
        if (grant.Withdrawn)
        {
            throw Denied("GRANT_WITHDRAWN", $"grant {grantId} was withdrawn by the holder");
        }
        if (granted.ExpiresAt is not null && granted.ExpiresAt.ToDateTimeOffset() <= now)
        {
            throw Denied("GRANT_EXPIRED", $"grant {grantId} expired at {granted.ExpiresAt.ToDateTimeOffset():u}");
        }
        if (granted.SingleUse && grant.Uses > 0)
        {
            throw Denied("GRANT_USED", $"grant {grantId} was for a single use and has been used");
        }
        return grant;
    }

    private static NodeException Denied(string reason, string message) => NodeException.PermissionDenied(reason, message);
}
