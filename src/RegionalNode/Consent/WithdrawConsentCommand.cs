using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>Withdraws a grant for the licence's holder: a ConsentWithdrawn entry; later uses are refused.</summary>
internal sealed class WithdrawConsentCommand(string grantId, string holderId, DocumentVault vault) : LedgerCommand<bool>
{
    protected override bool Run(SealingContext context)
    {
        var session = context.Session;
        var grant = session.Consent.Find(grantId)
            ?? throw NodeException.NotFound("NO_GRANT", $"grant_id: no grant '{FieldViolations.Quote(grantId)}' in region {context.Region}");
        HolderCheck.Require(session.Licenses, vault, holderId, grant.Grant.LicenseId);
        if (grant.Withdrawn)
        {
            throw NodeException.FailedPrecondition("GRANT_WITHDRAWN", $"grant {grantId} is already withdrawn");
        }
        var leaf = context.Append(new LedgerEntry { ConsentWithdrawn = new ConsentWithdrawn { GrantId = grantId, LicenseId = grant.Grant.LicenseId } });
        session.Consent.MarkWithdrawn(grantId);
        session.Licenses.AddEvent(grant.Grant.LicenseId, leaf, LicenseEvent.ConsentWithdrawn);
        return true;
    }
}
