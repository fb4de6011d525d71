using System.Globalization;
using System.Security.Cryptography;
using Google.Protobuf;
using Regional.LicenseVerifier.Digests;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Storage.Catalog;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>
/// Issues a licence: checks it against the directory, gives it an id, salts and digests every
/// field, appends a LicenseIssued entry (digests and metadata only) and stores the document
/// (values and salts, holder id) encrypted, all inside the block's transaction.
/// </summary>
internal sealed class IssueLicenseCommand(IssueLicenseRequest request, DocumentVault vault) : LedgerCommand<string>(request.RequestId, request)
{
    protected override string Run(SealingContext context)
    {
        var type = LicenseCommands.RequireOwnedType(context, request.LicenseType, request.IssuingDepartment);
        var violations = new FieldViolations();
        LicenseFieldRules.Check(type.Type, request.Fields, violations);
        LicenseFieldRules.CheckValidity(request.Validity, violations);
        violations.ThrowIfAny();

        var year = context.Now.UtcDateTime.Year;
        var licenses = context.Session.Licenses;
        var number = licenses.NextNumber($"license:{year}");
        var licenseId = string.Create(CultureInfo.InvariantCulture, $"{context.Region.ToUpperInvariant()}-{year:D4}-{number:D6}");
        var (digests, stored) = LicenseCommands.Commit(context, request.Fields);
        var issued = new LicenseIssued
        {
            LicenseId = licenseId,
            LicenseType = type.Type.Code,
            IssuingDepartment = request.IssuingDepartment,
            Validity = LicenseCommands.ValidityOrNow(request.Validity, context),
        };
        issued.FieldDigests.AddRange(digests);
        var leaf = context.Append(new LedgerEntry { LicenseIssued = issued });

        var document = new StoredDocument(request.HolderId.Trim(), stored);
        licenses.PutDocument(licenseId, 1, vault.Seal(licenseId, 1, document));
        licenses.IndexHolder(vault.HolderKey(request.HolderId), licenseId);
        licenses.Upsert(new LicenseRow(licenseId, context.LogId, type.Type.Code, request.IssuingDepartment, LicenseStatus.Active, 1, leaf));
        licenses.AddEvent(licenseId, leaf, LicenseEvent.Issued);
        return licenseId;
    }
}

/// <summary>Steps shared by the licence commands.</summary>
internal static class LicenseCommands
{
    /// <summary>The type from the own directory, owned by the department; refused otherwise.</summary>
    public static CatalogItem RequireOwnedType(SealingContext context, string code, string department)
    {
        var type = context.Session.Catalog.Find(context.LogId, code)
            ?? throw NodeException.InvalidArgument("license_type", $"got '{FieldViolations.Quote(code)}', want a licence type registered in region {context.Region}'s directory");
        if (type.Type.OwningDepartment != department)
        {
            throw NodeException.PermissionDenied("NOT_OWNER", $"issuing_department: got '{FieldViolations.Quote(department)}', want '{type.Type.OwningDepartment}', the owner of '{code}'");
        }
        return type;
    }

    /// <summary>Salts each field afresh and computes its digest; digests sorted by name.</summary>
    public static (List<FieldDigest> Digests, List<StoredField> Stored) Commit(SealingContext context, IEnumerable<LicenseField> fields)
    {
        var digests = new List<FieldDigest>();
        var stored = new List<StoredField>();
        foreach (var field in fields.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var salt = RandomNumberGenerator.GetBytes(FieldDigests.SaltSize);
            var digest = FieldDigests.Compute(context.Suite, salt, field.Name, field.Value);
            digests.Add(new FieldDigest { Name = field.Name, Digest = ByteString.CopyFrom(digest) });
            stored.Add(new StoredField(field.Name, field.Value, salt));
        }
        return (digests, stored);
    }

    public static Validity ValidityOrNow(Validity? validity, SealingContext context)
    {
        var result = validity?.Clone() ?? new Validity();
        result.NotBefore ??= Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(context.Now);
        return result;
    }

    /// <summary>The licence, which must be in the own log and issued by the department.</summary>
    public static LicenseRow RequireOwnLicense(SealingContext context, string licenseId, string department)
    {
        var row = context.Session.Licenses.Find(licenseId);
        if (row is null || row.LogId != context.LogId)
        {
            throw NodeException.NotFound("NOT_FOUND", $"license_id: no licence '{FieldViolations.Quote(licenseId)}' in region {context.Region}'s log");
        }
        if (row.Department != department)
        {
            throw NodeException.PermissionDenied("NOT_OWNER", $"issuing_department: got '{FieldViolations.Quote(department)}', want '{row.Department}', the issuer of {licenseId}");
        }
        return row;
    }
}
