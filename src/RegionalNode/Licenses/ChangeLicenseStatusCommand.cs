using Regional.LicenseVerifier.Bundles;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>Suspends, reinstates or revokes a licence. Allowed moves: ACTIVE to SUSPENDED or
/// REVOKED, SUSPENDED to ACTIVE (reinstate) or REVOKED. REVOKED is final.</summary>
internal sealed class ChangeLicenseStatusCommand(ChangeLicenseStatusRequest request) : LedgerCommand<LicenseStatus>(request.RequestId, request)
{
    protected override LicenseStatus Run(SealingContext context)
    {
        var row = LicenseCommands.RequireOwnLicense(context, request.LicenseId, request.IssuingDepartment);
        if (!LicenseStatusRules.IsAllowedChange(row.Status, request.Status))
        {
            throw NodeException.FailedPrecondition("STATUS_TRANSITION",
                $"{row.LicenseId} is {Name(row.Status)}; it cannot become {Name(request.Status)}");
        }
        var leaf = context.Append(new LedgerEntry
        {
            LicenseStatusChanged = new LicenseStatusChanged { LicenseId = row.LicenseId, Status = request.Status, Reason = request.Reason },
        });
        context.Session.Licenses.Upsert(row with { Status = request.Status });
        context.Session.Licenses.AddEvent(row.LicenseId, leaf, LicenseEvent.StatusChanged);
        return request.Status;
    }

    private static string Name(LicenseStatus status) => status.ToString().ToLowerInvariant();
}
