using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>Records a new version of a licence: new salts and digests, a LicenseAmended entry and
/// a new encrypted document version. Earlier versions stay in the log and stay provable.</summary>
internal sealed class AmendLicenseCommand(AmendLicenseRequest request, DocumentVault vault) : LedgerCommand<uint>(request.RequestId, request)
{
    protected override uint Run(SealingContext context)
    {
        var row = LicenseCommands.RequireOwnLicense(context, request.LicenseId, request.IssuingDepartment);
        var licenses = context.Session.Licenses;
        if (row.Status == LicenseStatus.Revoked)
        {
            throw NodeException.FailedPrecondition("STATE_CONFLICT", $"{row.LicenseId} is revoked; a revoked licence cannot be amended");
        }
        var type = context.Session.Catalog.Find(context.LogId, row.LicenseType)
            ?? throw new InvalidOperationException($"licence type {row.LicenseType} of {row.LicenseId} is missing from the directory");
        var violations = new FieldViolations();
        LicenseFieldRules.Check(type.Type, request.Fields, violations);
        LicenseFieldRules.CheckValidity(request.Validity, violations);
        violations.ThrowIfAny();

        var previous = vault.Open(row.LicenseId, row.Version, DocumentLoss.Require(licenses.GetDocument(row.LicenseId, row.Version), row.LicenseId, row.Version));
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
        licenses.PutDocument(row.LicenseId, version, vault.Seal(row.LicenseId, version, previous with { Fields = stored }));
        licenses.Upsert(row with { Version = version, DocumentLeaf = leaf });
        licenses.AddEvent(row.LicenseId, leaf, LicenseEvent.Amended);
        return version;
    }
}
