using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Storage.Sharing;
using Regional.V1;

namespace Regional.Node.Sharing;

/// <summary>Who decides an application: an issuer of the department that owns the licence type, at the node
/// of the region whose log holds the application. Everyone else is refused NOT_TYPE_OWNER: an issuer of another
/// department of the same region, and any department of another region, whatever its role is called there.</summary>
internal static class SharingOwner
{
    public const string NotTypeOwner = "NOT_TYPE_OWNER";

    private const string NotPending = "NOT_PENDING";

    private const string NotApproved = "NOT_APPROVED";

    /// <summary>The application, for a decision by <paramref name="actorDepartment"/>, in <paramref name="wanted"/> state
    /// (PENDING to approve or refuse, APPROVED to revoke).</summary>
    /// <exception cref="NodeException">NOT_FOUND; PERMISSION_DENIED NOT_TYPE_OWNER; FAILED_PRECONDITION NOT_PENDING or
    /// NOT_APPROVED when the application is not in the wanted state.</exception>
    public static SharingRow Require(SealingContext context, string applicationId, string actorDepartment, ApplicationState wanted)
    {
        var row = context.Session.Sharing.Find(applicationId)
            ?? throw NodeException.NotFound("NOT_FOUND", $"application_id: no sharing application '{FieldViolations.Quote(applicationId)}' in region {context.Region}'s directory");
        var applied = row.Applied;
        if (row.LogId != context.LogId)
        {
            throw NodeException.PermissionDenied(NotTypeOwner,
                $"application {applied.ApplicationId} is for {applied.LicenseType}, owned by {applied.OwningDepartment} of region {row.Region}: only its issuers decide it, at region {row.Region}'s node");
        }
        if (actorDepartment != applied.OwningDepartment)
        {
            throw NodeException.PermissionDenied(NotTypeOwner,
                $"{applied.LicenseType} is owned by {applied.OwningDepartment}: only its issuers decide applications for it; the caller is of {actorDepartment}");
        }
        var state = SharingStates.Of(row, context.Now);
        var problem = $"application {applied.ApplicationId} is {SharingStates.Name(state)}, not {SharingStates.Name(wanted)}";
        if (state != wanted)
        {
            throw wanted == ApplicationState.Pending
                ? NodeException.FailedPrecondition(NotPending, problem)
                : NodeException.FailedPrecondition(NotApproved, problem);
        }
        return row;
    }
}
