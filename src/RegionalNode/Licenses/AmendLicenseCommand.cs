using Regional.Node.Catalog;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>Records a new version of a licence: new salts and digests, a LicenseAmended entry and
/// a new encrypted document version. Earlier versions stay in the log and stay provable.</summary>
internal sealed class AmendLicenseCommand(AmendLicenseRequest request, DocumentVault vault) : LedgerCommand<uint>(request.RequestId, request)
{
    protected override uint Run(SealingContext context)
    {
        var row = LicenseCommands.RequireOwnLicense(context, request.LicenseId, request.IssuingDepartment);
        if (row.Status == LicenseStatus.Revoked)
        {
            throw NodeException.FailedPrecondition("STATE_CONFLICT", $"{row.LicenseId} is revoked; a revoked licence cannot be amended");
        }
        var type = CatalogStore.Find(context.Connection, context.LogId, row.LicenseType)
            ?? throw new InvalidOperationException($"licence type {row.LicenseType} of {row.LicenseId} is missing from the directory");
        var violations = new FieldViolations();
        LicenseFieldRules.Check(type.Type, request.Fields, violations);
        LicenseFieldRules.CheckValidity(request.Validity, violations);
        violations.ThrowIfAny();

        var previous = vault.Open(row.LicenseId, row.Version, DocumentLoss.Require(LicenseStore.GetDocument(context.Connection, row.LicenseId, row.Version), row.LicenseId, row.Version));
        var version = row.Version + 1;
        var (digests, stored) = LicenseCommands.Commit(context, request.Fields);
        var amended = new LicenseAmended
        {
            LicenseId = row.LicenseId,
            Version = version,
            Validity = LicenseCommands.ValidityOrNow(request.Validity, context),
        };
        amended.FieldDigests.AddRange(digests);
        var leaf = context.Append(new LedgerEntry { LicenseAmended = amended });
        LicenseStore.PutDocument(context.Connection, row.LicenseId, version, vault.Seal(row.LicenseId, version, previous with { Fields = stored }));
        LicenseStore.Upsert(context.Connection, row with { Version = version, DocumentLeaf = leaf });
        LicenseStore.AddEvent(context.Connection, row.LicenseId, leaf, LicenseStore.Amended);
        return version;
    }
}
