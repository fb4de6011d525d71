using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Sharing;

/// <summary>The owner approves a pending application (a SharingApproved entry): as asked, or narrower (fewer
/// fields, fewer matters, a shorter term), never wider. Empty fields, matters or term approve what was asked.</summary>
internal sealed class ApproveApplicationCommand(ApproveApplicationRequest request, string actorDepartment)
    : LedgerCommand<string>(SharingTerms.RequestKey(request.RequestId, actorDepartment), request)
{
    protected override string Run(SealingContext context)
    {
        var row = SharingOwner.Require(context, request.ApplicationId, actorDepartment, ApplicationState.Pending);
        var applied = row.Applied;
        var violations = new FieldViolations();
        var fields = request.Fields.Count > 0 ? request.Fields : applied.Fields;
        if (applied.Fields.Count > 0)
        {
            Narrower(violations, "fields", request.Fields, applied.Fields, "field");
        }
        else if (context.Session.Catalog.Find(context.LogId, applied.LicenseType)?.Type is { } type)
        {
            SharingTerms.CheckFields(violations, "fields", request.Fields, type);
        }
        Narrower(violations, "matter_codes", request.MatterCodes, applied.MatterCodes, "matter");
        var until = request.Until ?? applied.RequestedUntil;
        SharingTerms.CheckTerm(violations, "until", until, context.Now);
        if (until.ToDateTimeOffset() > applied.RequestedUntil.ToDateTimeOffset())
        {
            violations.Add("until", $"{until.ToDateTimeOffset():u} is later than asked for: want at most {applied.RequestedUntil.ToDateTimeOffset():u}");
        }
        violations.ThrowIfAny();
        var approved = new SharingApproved
        {
            ApplicationId = applied.ApplicationId,
            LicenseType = applied.LicenseType,
            ApplicantDepartment = applied.ApplicantDepartment,
            Fields = { fields },
            MatterCodes = { request.MatterCodes.Count > 0 ? request.MatterCodes : applied.MatterCodes },
            Until = until,
        };
        var leaf = context.Append(new LedgerEntry { SharingApproved = approved });
        context.Session.Sharing.AddApproval(approved, leaf);
        return approved.ApplicationId;
    }

    /// <summary>Every approved item must have been asked for: an approval never widens an application.</summary>
    private static void Narrower(FieldViolations violations, string field, IEnumerable<string> approved, ICollection<string> asked, string what)
    {
        foreach (var item in approved.Where(a => !asked.Contains(a)))
        {
            violations.Add(field, $"the {what} '{FieldViolations.Quote(item)}' was not asked for: an approval may be narrower than the application, never wider; asked: {string.Join(", ", asked)}");
        }
    }
}
