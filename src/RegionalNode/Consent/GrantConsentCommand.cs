using System.Security.Cryptography;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>Records a holder's grant on the own log (a ConsentGranted entry: ids, codes and field
/// names, no personal data) and keeps its state. The licence must be the own region's and the named
/// holder's, the fields its own, and the expiry in the future (the text is checked before queueing).</summary>
internal sealed class GrantConsentCommand(GrantConsentRequest request, DocumentVault vault) : LedgerCommand<ConsentGranted>
{
    protected override ConsentGranted Run(SealingContext context)
    {
        var session = context.Session;
        var row = session.Licenses.Find(request.LicenseId);
        if (row is null || row.LogId != context.LogId)
        {
            throw NodeException.NotFound("NOT_FOUND",
                $"license_id: no licence '{FieldViolations.Quote(request.LicenseId)}' in region {context.Region}'s log; a grant is made at the issuing region's node");
        }
        HolderCheck.Require(session.Licenses, vault, request.HolderId, row.LicenseId);
        var names = LicenseFields.Names(session.Log, context.LogId, row);
        var violations = new FieldViolations();
        foreach (var field in request.Fields.Where(f => !names.Contains(f)))
        {
            violations.Add("fields", $"'{FieldViolations.Quote(field)}' is not a field of {row.LicenseId}; it has {string.Join(", ", names.Order(StringComparer.Ordinal))}");
        }
        if (request.ExpiresAt is null || request.ExpiresAt.ToDateTimeOffset() <= context.Now)
        {
            violations.Add("expires_at", "missing or in the past: want when the grant ends");
        }
        violations.ThrowIfAny();
        var grant = new ConsentGranted
        {
            GrantId = "g-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            LicenseId = row.LicenseId,
            RelyingDepartment = request.RelyingDepartment,
            RelyingWindow = request.RelyingWindow,
            MatterCode = request.MatterCode,
            MatterName = request.MatterName,
            ExpiresAt = request.ExpiresAt,
            SingleUse = request.SingleUse,
        };
        grant.Fields.Add(request.Fields);
        var leaf = context.Append(new LedgerEntry { ConsentGranted = grant });
        session.Consent.Add(grant, leaf);
        session.Licenses.AddEvent(row.LicenseId, leaf, LicenseEvent.ConsentGranted);
        return grant;
    }
}
