using System.Security.Cryptography;
using Regional.LicenseVerifier.Ledger;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Sharing;

/// <summary>Records a department's application to share a conditionally shared licence type of the own
/// directory (a SharingApplied entry). The applicant is the caller's certificate's department (or the one a
/// relaying region node vouches for), never a request field; the request's text was checked before queueing.</summary>
internal sealed class ApplyForSharingCommand(ApplyForSharingRequest request, string applicantDepartment)
    : LedgerCommand<string>(SharingTerms.RequestKey(request.RequestId, applicantDepartment), request)
{
    protected override string Run(SealingContext context)
    {
        var session = context.Session;
        var type = session.Catalog.Find(context.LogId, request.LicenseType)?.Type
            ?? throw NodeException.NotFound("NOT_FOUND",
                $"license_type: no licence type '{FieldViolations.Quote(request.LicenseType)}' in region {context.Region}'s directory");
        switch (type.Sharing?.SharingClass ?? SharingClass.NotShared)
        {
            case SharingClass.Unconditional:
                throw NodeException.FailedPrecondition("ALREADY_SHARED", $"{type.Code} is shared unconditionally: every department may see it without applying");
            case SharingClass.Conditional when type.OwningDepartment == applicantDepartment:
                throw NodeException.FailedPrecondition("ALREADY_SHARED", $"{applicantDepartment} owns {type.Code}: it sees its own licences without applying");
            case SharingClass.Conditional:
                break;
            default:
                throw NodeException.FailedPrecondition("NOT_SHARED", $"{type.Code} is not shared: it never leaves {type.OwningDepartment}, so there is nothing to apply for");
        }
        var violations = new FieldViolations();
        SharingTerms.CheckFields(violations, "fields", request.Fields, type);
        SharingTerms.CheckTerm(violations, "requested_until", request.RequestedUntil, context.Now);
        violations.ThrowIfAny();
        var applied = new SharingApplied
        {
            ApplicationId = SharingEntryRules.IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            LicenseType = type.Code,
            OwningDepartment = type.OwningDepartment,
            ApplicantDepartment = applicantDepartment,
            ApplicantRegion = applicantDepartment.Split('-', 2)[0],
            Fields = { request.Fields },
            MatterCodes = { request.MatterCodes },
            Reason = request.Reason,
            RequestedUntil = request.RequestedUntil,
        };
        var leaf = context.Append(new LedgerEntry { SharingApplied = applied });
        session.Sharing.AddApplication(context.LogId, applied, leaf);
        return applied.ApplicationId;
    }
}
