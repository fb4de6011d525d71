using Google.Protobuf.WellKnownTypes;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Certificates;
using Regional.LicenseVerifier.Ledger;
using Regional.Node.Errors;
using Regional.Node.Security;
using Regional.V1;

namespace Regional.Node.Services;

/// <summary>Stateless checks of DirectoryService requests, before anything is queued or relayed: every string
/// that reaches the owner's log is a code, a field name or bounded clean text. Whether the fields are the
/// type's and the term is in the future is checked by the commands, against the directory and the clock.</summary>
internal static class SharingRequestRules
{
    /// <summary>Matters in one application.</summary>
    public const int MaxMatters = 16;

    /// <summary>A reason for an application, refusal or revocation.</summary>
    public const int MaxReasonLength = 200;

    public static void CheckApply(ApplyForSharingRequest request)
    {
        var violations = new FieldViolations();
        RequestRules.CheckCode(request.LicenseType, "license_type", violations);
        InputRules.FieldNames(violations, "fields", request.Fields);
        Matters(violations, request.MatterCodes, required: true);
        InputRules.Text(violations, "reason", request.Reason, required: true, max: MaxReasonLength);
        Time(violations, "requested_until", request.RequestedUntil, required: true);
        RequestRules.CheckRequestId(request.RequestId, violations);
        if (request.Region.Length > 0 && !CertificateIdentity.IsName(request.Region))
        {
            violations.Got("region", request.Region, "a region id such as 'bj'");
        }
        violations.ThrowIfAny();
    }

    public static void CheckApprove(ApproveApplicationRequest request)
    {
        var violations = new FieldViolations();
        ApplicationId(violations, request.ApplicationId);
        InputRules.FieldNames(violations, "fields", request.Fields);
        Matters(violations, request.MatterCodes, required: false);
        Time(violations, "until", request.Until, required: false);
        RequestRules.CheckRequestId(request.RequestId, violations);
        violations.ThrowIfAny();
    }

    /// <summary>A refusal or revocation: the application and a reason.</summary>
    public static void CheckDecision(string applicationId, string reason, string requestId)
    {
        var violations = new FieldViolations();
        ApplicationId(violations, applicationId);
        InputRules.Text(violations, "reason", reason, required: true, max: MaxReasonLength);
        RequestRules.CheckRequestId(requestId, violations);
        violations.ThrowIfAny();
    }

    public static void CheckList(ListApplicationsRequest request)
    {
        var violations = new FieldViolations();
        if (request.LicenseType.Length > 0)
        {
            RequestRules.CheckCode(request.LicenseType, "license_type", violations);
        }
        if (request.Department.Length > 0)
        {
            InputRules.Department(violations, "department", request.Department);
        }
        if (!System.Enum.IsDefined(request.State))
        {
            violations.Got("state", request.State.ToString(), "PENDING, APPROVED, REFUSED, REVOKED or EXPIRED (or none: all)");
        }
        violations.ThrowIfAny();
    }

    private static void ApplicationId(FieldViolations violations, string id)
    {
        if (!SharingEntryRules.IsApplicationId(id))
        {
            violations.Got("application_id", id, "an application id such as 'ap-0123456789abcdef01234567'");
        }
    }

    private static void Matters(FieldViolations violations, IReadOnlyList<string> matters, bool required)
    {
        if (required && matters.Count == 0)
        {
            violations.Add("matter_codes", "empty: want the matter (事项) codes the fields are wanted for, e.g. 'household-registration'");
        }
        if (matters.Count > MaxMatters)
        {
            violations.Add("matter_codes", $"got {matters.Count} matters, want at most {MaxMatters}");
            return;
        }
        for (var i = 0; i < matters.Count; i++)
        {
            InputRules.MatterCode(violations, $"matter_codes[{i}]", matters[i], required: true);
            if (matters.Take(i).Contains(matters[i]))
            {
                violations.Got($"matter_codes[{i}]", matters[i], "each matter once");
            }
        }
    }

    private static void Time(FieldViolations violations, string field, Timestamp? value, bool required)
    {
        if (value is null ? required : !LicenseStatusRules.IsValidTimestamp(value))
        {
            violations.Add(field, "missing or out of range: want a time such as 2027-01-01T00:00:00Z");
        }
    }
}
