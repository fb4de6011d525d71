using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Catalog;

/// <summary>Registers or replaces a licence type: a catalog entry on the own log.</summary>
internal sealed class RegisterLicenseTypeCommand(LicenseType type) : LedgerCommand<uint>
{
    protected override uint Run(SealingContext context)
    {
        var existing = context.Session.Catalog.Find(context.LogId, type.Code);
        if (existing is not null && existing.Type.OwningDepartment != type.OwningDepartment)
        {
            throw NodeException.PermissionDenied("NOT_OWNER", $"licence type '{type.Code}' is owned by {existing.Type.OwningDepartment}; only its owner may replace it");
        }
        if (existing is not null && existing.Type.Equals(type))
        {
            return existing.Revision; // unchanged: nothing to record
        }
        var revision = existing is null ? 1u : existing.Revision + 1;
        var leaf = context.Append(new LedgerEntry { CatalogEntry = new CatalogEntry { LicenseType = type, Revision = revision } });
        context.Session.Catalog.Upsert(context.LogId, type, revision, leaf);
        return revision;
    }
}
