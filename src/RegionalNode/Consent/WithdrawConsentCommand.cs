using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>Withdraws a grant: a ConsentWithdrawn entry; later uses are refused.</summary>
internal sealed class WithdrawConsentCommand(string grantId) : LedgerCommand<bool>
{
    protected override bool Run(SealingContext context)
    {
        var grant = ConsentStore.Find(context.Connection, grantId)
            ?? throw NodeException.NotFound("NO_GRANT", $"grant_id: no grant '{FieldViolations.Quote(grantId)}' in region {context.Region}");
        if (grant.Withdrawn)
        {
            throw NodeException.FailedPrecondition("GRANT_WITHDRAWN", $"grant {grantId} is already withdrawn");
        }
        var leaf = context.Append(new LedgerEntry { ConsentWithdrawn = new ConsentWithdrawn { GrantId = grantId, LicenseId = grant.Grant.LicenseId } });
        ConsentStore.MarkWithdrawn(context.Connection, grantId);
        LicenseStore.AddEvent(context.Connection, grant.Grant.LicenseId, leaf, "consent_withdrawn");
        return true;
    }
}
