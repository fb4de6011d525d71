using Google.Protobuf.WellKnownTypes;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>
/// Decides an access to a licence's content (<see cref="AccessGate"/>) and records it on the own log in
/// the same transaction, counting the grant's use, so a single-use grant cannot be used twice. Every
/// access is recorded, the owning department's own included: insider abuse is the abuse to see. A
/// query never uses a grant (it shows that a licence exists, not its content). With
/// <paramref name="ifVersion"/>, an access to another version than the current one is refused before
/// anything is decided or written, so a relaying node whose mirror is behind never uses up a grant.
/// </summary>
internal sealed class RecordAccessCommand(string licenseId, AccessKind kind, AccessContext access, string grantId, string matter,
    IReadOnlyCollection<string> requested, uint ifVersion = 0) : LedgerCommand<AccessDecision>
{
    protected override AccessDecision Run(SealingContext context)
    {
        var session = context.Session;
        var row = session.Licenses.Find(licenseId);
        if (row is null || row.LogId != context.LogId)
        {
            throw NodeException.NotFound("NOT_FOUND", $"license_id: no licence '{FieldViolations.Quote(licenseId)}' in region {context.Region}'s log");
        }
        if (ifVersion != 0 && row.Version != ifVersion)
        {
            throw NodeException.FailedPrecondition("VERSION_CHANGED",
                $"if_version: {licenseId} is at version {row.Version}, not {ifVersion}; nothing was recorded and no grant was used",
                new Dictionary<string, string> { ["current_version"] = row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        CheckFieldNames(context, row);
        var decision = AccessGate.Decide(session, context.LogId, row, access, grantId, matter, requested, context.Now);
        var record = new AccessRecorded
        {
            LicenseId = row.LicenseId,
            Kind = kind,
            RelyingDepartment = access.Department,
            Clerk = access.Clerk,
            MatterCode = matter,
            Place = access.Place,
            Window = access.Window,
            RequestingRegion = access.RequestingRegion,
            GrantId = decision.Grant?.Grant.GrantId ?? "",
            ApprovalId = decision.Approval?.ApplicationId ?? "",
            AccessedAt = Timestamp.FromDateTimeOffset(context.Now),
        };
        record.FieldsSeen.Add(decision.Fields ?? ["*"]);
        var leaf = context.Append(new LedgerEntry { AccessRecorded = record });
        session.Licenses.AddEvent(row.LicenseId, leaf, LicenseEvent.AccessRecorded);
        if (decision.Grant is { } grant && kind != AccessKind.Query)
        {
            session.Consent.AddUse(grant.Grant.GrantId);
        }
        return decision;
    }

    /// <summary>Requested field names must be the licence's own (each once: checked before queueing).</summary>
    private void CheckFieldNames(SealingContext context, LicenseRow row)
    {
        if (requested.Count == 0)
        {
            return;
        }
        var names = LicenseFields.Names(context.Session.Log, context.LogId, row);
        var violations = new FieldViolations();
        foreach (var name in requested.Where(n => !names.Contains(n)))
        {
            violations.Got("fields", name, $"a field of {row.LicenseId}: {string.Join(", ", names.Order(StringComparer.Ordinal))}");
        }
        violations.ThrowIfAny();
    }
}
