using Regional.LicenseVerifier;
using Regional.Node.Catalog;
using Regional.Node.Licenses;
using Regional.Node.Security;
using Regional.V1;
using Regional.Node.Errors;
using Regional.Node.Configuration;

namespace Regional.Node.Services;

/// <summary>Stateless checks of requests, before anything is queued: ids, sizes, text. Checks
/// that need the directory or the licence's state run in the ledger commands.</summary>
internal static class RequestRules
{
    public const int MaxDisclosed = 64;

    /// <param name="requestIdRequired">An import row must carry its request id (every row idempotent);
    /// for IssueLicense it is optional.</param>
    public static void CheckIssue(IssueLicenseRequest request, string region, bool requestIdRequired = false)
    {
        var violations = new FieldViolations();
        CheckCode(request.LicenseType, "license_type", violations);
        CheckDepartment(request.IssuingDepartment, region, violations);
        if (LicenseFieldRules.TextProblem(request.HolderId) is { } holder)
        {
            violations.Add("holder_id", holder);
        }
        CheckFields(request.Fields, violations);
        CheckRequestId(request.RequestId, violations);
        if (requestIdRequired && request.RequestId.Length == 0)
        {
            violations.Add("request_id", "empty: want a key of the row's own (at most 128 printable ASCII characters), so that sending the rows again issues nothing twice");
        }
        violations.ThrowIfAny();
    }

    public static void CheckAmend(AmendLicenseRequest request, string region)
    {
        var violations = new FieldViolations();
        CheckLicenseId(request.LicenseId, "license_id", violations);
        CheckDepartment(request.IssuingDepartment, region, violations);
        CheckFields(request.Fields, violations);
        CheckRequestId(request.RequestId, violations);
        violations.ThrowIfAny();
    }

    public static void CheckStatusChange(ChangeLicenseStatusRequest request, string region)
    {
        var violations = new FieldViolations();
        CheckLicenseId(request.LicenseId, "license_id", violations);
        CheckDepartment(request.IssuingDepartment, region, violations);
        if (request.Status is not (LicenseStatus.Active or LicenseStatus.Suspended or LicenseStatus.Revoked))
        {
            violations.Got("status", request.Status.ToString(), "ACTIVE (reinstate), SUSPENDED or REVOKED");
        }
        if (request.Reason == StatusReason.Unspecified || !Enum.IsDefined(request.Reason))
        {
            violations.Add("reason", "missing: want a reason code such as COMPLIANCE or HOLDER_REQUEST");
        }
        CheckRequestId(request.RequestId, violations);
        violations.ThrowIfAny();
    }

    public static void CheckQuery(QueryLicensesRequest request)
    {
        var violations = new FieldViolations();
        if (LicenseFieldRules.TextProblem(request.HolderId) is { } holder)
        {
            violations.Add("holder_id", holder);
        }
        if (request.LicenseType.Length > 0)
        {
            CheckCode(request.LicenseType, "license_type", violations);
        }
        InputRules.GrantId(violations, "grant_id", request.GrantId, required: false);
        InputRules.MatterCode(violations, "matter_code", request.MatterCode, required: false);
        violations.ThrowIfAny();
    }

    public static void CheckDownload(DownloadLicenseRequest request)
    {
        var violations = new FieldViolations();
        CheckLicenseId(request.LicenseId, "license_id", violations);
        InputRules.GrantId(violations, "grant_id", request.GrantId, required: false);
        InputRules.MatterCode(violations, "matter_code", request.MatterCode, required: false);
        InputRules.FieldNames(violations, "fields", request.Fields);
        violations.ThrowIfAny();
    }

    /// <summary>A holder's grant: every string in it goes on the log and into the signed token.</summary>
    public static void CheckGrant(GrantConsentRequest request)
    {
        var violations = new FieldViolations();
        CheckLicenseId(request.LicenseId, "license_id", violations);
        CheckHolder(request.HolderId, violations);
        InputRules.Department(violations, "relying_department", request.RelyingDepartment);
        InputRules.Window(violations, "relying_window", request.RelyingWindow);
        InputRules.MatterCode(violations, "matter_code", request.MatterCode, required: true);
        InputRules.Text(violations, "matter_name", request.MatterName);
        InputRules.FieldNames(violations, "fields", request.Fields);
        violations.ThrowIfAny();
    }

    public static void CheckWithdraw(WithdrawConsentRequest request)
    {
        var violations = new FieldViolations();
        InputRules.GrantId(violations, "grant_id", request.GrantId, required: true);
        CheckHolder(request.HolderId, violations);
        violations.ThrowIfAny();
    }

    /// <summary>A read for a holder (consents, accesses): the licence, and the holder when the caller is the holders' app.</summary>
    public static void CheckHolderRead(string licenseId, string holderId, bool holderRequired)
    {
        var violations = new FieldViolations();
        CheckLicenseId(licenseId, "license_id", violations);
        if (holderRequired || holderId.Length > 0)
        {
            CheckHolder(holderId, violations);
        }
        violations.ThrowIfAny();
    }

    private static void CheckHolder(string holderId, FieldViolations violations)
    {
        if (InputRules.TextProblem(holderId) is { } problem)
        {
            violations.Add("holder_id", $"{problem} (the holder the app authenticated: ID card number or credit code)");
        }
    }

    public static void CheckVerify(VerifyLicenseRequest request)
    {
        var violations = new FieldViolations();
        CheckLicenseId(request.LicenseId, "license_id", violations);
        InputRules.GrantId(violations, "grant_id", request.GrantId, required: false);
        InputRules.MatterCode(violations, "matter_code", request.MatterCode, required: false);
        if (request.Disclosed.Count > MaxDisclosed)
        {
            violations.Add("disclosed", $"got {request.Disclosed.Count} fields, want at most {MaxDisclosed}");
        }
        else
        {
            for (var i = 0; i < request.Disclosed.Count; i++)
            {
                var field = request.Disclosed[i];
                if (!LicenseTypeRules.FieldNamePattern().IsMatch(field.Name))
                {
                    violations.Got($"disclosed[{i}].name", field.Name, "a field name such as 'holder_name'");
                }
                else if (request.Disclosed.Take(i).Any(d => d.Name == field.Name))
                {
                    violations.Got($"disclosed[{i}].name", field.Name, "each field once");
                }
                if (!field.Salt.IsEmpty && field.Salt.Length != LicenseVerifier.Digests.FieldDigests.SaltSize)
                {
                    violations.Add($"disclosed[{i}].salt", $"got {field.Salt.Length} bytes, want {LicenseVerifier.Digests.FieldDigests.SaltSize} (or none for a fact check)");
                }
                if (LicenseFieldRules.TextProblem(field.Value) is { } problem)
                {
                    violations.Add($"disclosed[{i}].value", problem);
                }
            }
        }
        violations.ThrowIfAny();
    }

    /// <summary>A caller-chosen request id: optional, at most 128 printable ASCII characters.</summary>
    internal static void CheckRequestId(string requestId, FieldViolations violations)
    {
        if (requestId.Length > 128 || requestId.Any(c => c is < '!' or > '~'))
        {
            violations.Got("request_id", requestId, "at most 128 printable ASCII characters, e.g. a UUID");
        }
    }

    public static void CheckLicenseId(string licenseId, string field)
    {
        var violations = new FieldViolations();
        CheckLicenseId(licenseId, field, violations);
        violations.ThrowIfAny();
    }

    private static void CheckLicenseId(string licenseId, string field, FieldViolations violations)
    {
        // The format is LicenseId's; the region must also be one of the federation's (NodeRegion).
        if (!LicenseId.TryParse(licenseId, out _))
        {
            violations.Got(field, licenseId, LicenseId.Format);
        }
    }

    internal static void CheckCode(string code, string field, FieldViolations violations)
    {
        if (!LicenseTypeRules.CodePattern().IsMatch(code))
        {
            violations.Got(field, code, "a licence type code such as 'business-licence'");
        }
    }

    private static void CheckDepartment(string department, string region, FieldViolations violations)
    {
        if (!LicenseTypeRules.DepartmentPattern().IsMatch(department) || !department.StartsWith(region + "-", StringComparison.Ordinal))
        {
            violations.Got("issuing_department", department, $"a department of region '{region}', e.g. '{region}-samr'");
        }
    }

    private static void CheckFields(IReadOnlyList<LicenseField> fields, FieldViolations violations)
    {
        if (fields.Count > LicenseFieldRules.MaxFields)
        {
            violations.Add("fields", $"got {fields.Count} fields, want at most {LicenseFieldRules.MaxFields}");
            return;
        }
        for (var i = 0; i < fields.Count; i++)
        {
            if (!LicenseTypeRules.FieldNamePattern().IsMatch(fields[i].Name))
            {
                violations.Got($"fields[{i}].name", fields[i].Name, "a field name such as 'holder_name'");
            }
            if (LicenseFieldRules.TextProblem(fields[i].Value) is { } problem)
            {
                violations.Add($"fields[{i}].value", problem);
            }
        }
    }

    /// <summary>A leaf hash, when given, is one hash long; the sizes are checked against the log by LedgerQueries.</summary>
    public static void CheckInclusionProof(GetInclusionProofRequest request)
    {
        if (request.LeafCase == GetInclusionProofRequest.LeafOneofCase.LeafHash && request.LeafHash.Length != LicenseVerifier.Crypto.Suite.HashSize)
        {
            throw NodeException.InvalidArgument("leaf_hash", $"got {request.LeafHash.Length} bytes, want {LicenseVerifier.Crypto.Suite.HashSize}");
        }
    }
}
