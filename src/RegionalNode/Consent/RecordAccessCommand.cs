using Google.Protobuf.WellKnownTypes;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>
/// Decides an access to a licence's content (<see cref="AccessGate"/>) and records it on the own log in
/// the same transaction, counting the grant's use, so a single-use grant cannot be used twice. The
/// owning department's own accesses are not recorded (its data never left it).
/// </summary>
internal sealed class RecordAccessCommand(string licenseId, AccessKind kind, AccessContext access, string grantId, string matter,
    IReadOnlyCollection<string> requested) : LedgerCommand<AccessDecision>
{
    protected override AccessDecision Run(SealingContext context)
    {
        var row = LicenseStore.Find(context.Connection, licenseId);
        if (row is null || row.LogId != context.LogId)
        {
            throw NodeException.NotFound("NOT_FOUND", $"license_id: no licence '{FieldViolations.Quote(licenseId)}' in region {context.Region}'s log");
        }
        var decision = AccessGate.Decide(context.Connection, context.LogId, row, access, grantId, matter, requested, context.Now);
        if (access.Department == row.Department)
        {
            return decision;
        }
        var record = new AccessRecorded
        {
            LicenseId = row.LicenseId,
            Kind = kind,
            RelyingDepartment = access.Department,
            Clerk = access.Clerk,
            MatterCode = matter,
            Place = access.Place,
            RequestingRegion = access.RequestingRegion,
            GrantId = decision.Grant?.Grant.GrantId ?? "",
            AccessedAt = Timestamp.FromDateTimeOffset(context.Now),
        };
        record.FieldsSeen.Add(decision.Fields ?? ["*"]);
        var leaf = context.Append(new LedgerEntry { AccessRecorded = record });
        LicenseStore.AddEvent(context.Connection, row.LicenseId, leaf, "access_recorded");
        if (decision.Grant is { } grant)
        {
            ConsentStore.AddUse(context.Connection, grant.Grant.GrantId);
        }
        return decision;
    }
}
