using Google.Protobuf;
using Grpc.Core;
using Regional.LicenseVerifier.Certificates;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Consent;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Security.Authorization;
using Regional.Node.Storage;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Services;

/// <summary>ConsentService: the holders' app of this region grants, withdraws and lists consents and
/// sees the accesses to its holder's licences, at the issuing region's node; auditors list consents.
/// Roles are enforced by the authorisation interceptor; the region and the holder here.</summary>
internal sealed class ConsentGrpcService(LedgerWriter writer, LogReader reader, NoteSigner signer, DocumentVault vault, ContentAccess access)
    : ConsentService.ConsentServiceBase
{
    public override async Task<GrantConsentResponse> GrantConsent(GrantConsentRequest request, ServerCallContext context)
    {
        RequestRules.CheckGrant(request);
        RequireOwnHolderApp(context, request.LicenseId);
        var done = await writer.SubmitAsync(new GrantConsentCommand(request, vault), context.CancellationToken);
        return new GrantConsentResponse { Grant = done.Value, Token = ConsentToken.Sign(done.Value, signer), Receipt = done.Receipt };
    }

    public override async Task<WithdrawConsentResponse> WithdrawConsent(WithdrawConsentRequest request, ServerCallContext context)
    {
        RequestRules.CheckWithdraw(request);
        RequireOwnHolderApp(context, licenseId: null);
        var done = await writer.SubmitAsync(new WithdrawConsentCommand(request.GrantId, request.HolderId, vault), context.CancellationToken);
        return new WithdrawConsentResponse { Receipt = done.Receipt };
    }

    public override Task<ListConsentsResponse> ListConsents(ListConsentsRequest request, ServerCallContext context)
    {
        var holderApp = IsHolderApp(context);
        RequestRules.CheckHolderRead(request.LicenseId, request.HolderId, holderRequired: holderApp);
        using var session = reader.Open();
        if (holderApp)
        {
            RequireOwnHolderApp(context, request.LicenseId);
            HolderCheck.Require(session.Licenses, vault, request.HolderId, request.LicenseId);
        }
        var response = new ListConsentsResponse();
        foreach (var row in session.Consent.ByLicense(request.LicenseId))
        {
            response.Consents.Add(new ConsentState { Grant = row.Grant, Withdrawn = row.Withdrawn, Uses = row.Uses });
        }
        return Task.FromResult(response);
    }

    public override Task<ListAccessesResponse> ListAccesses(ListAccessesRequest request, ServerCallContext context)
    {
        RequestRules.CheckHolderRead(request.LicenseId, request.HolderId, holderRequired: true);
        RequireOwnHolderApp(context, request.LicenseId);
        using var session = reader.Open();
        var log = reader.Log;
        var row = session.Licenses.Find(request.LicenseId);
        if (row is null || row.LogId != log.LogId)
        {
            throw NodeException.NotFound("NOT_FOUND", $"license_id: no licence '{FieldViolations.Quote(request.LicenseId)}' in region {log.Region}'s log");
        }
        HolderCheck.Require(session.Licenses, vault, request.HolderId, request.LicenseId);
        var response = new ListAccessesResponse();
        foreach (var item in session.Licenses.Events(row.LicenseId, log.State.Head.TreeSize).Where(e => e.Kind == LicenseEvent.AccessRecorded))
        {
            var entry = LedgerEntry.Parser.ParseFrom(LogReader.RequireEntry(session, log, item.LeafIndex));
            response.Accesses.Add(new HolderAccess
            {
                LeafIndex = item.LeafIndex,
                BlockHeight = session.Log.GetEntryBlock(log.LogId, item.LeafIndex) ?? 0,
                Access = entry.AccessRecorded,
            });
        }
        return Task.FromResult(response);
    }

    private static bool IsHolderApp(ServerCallContext context) => Caller.Of(context).Client?.Role == ClientRoles.HolderApp;

    /// <summary>Only the holders' app of the licence's issuing region (this node's) may act for a holder:
    /// Tianjin's app has no say over a Beijing licence. Open when the node has no CA (development).</summary>
    private void RequireOwnHolderApp(ServerCallContext context, string? licenseId)
    {
        if (!access.Enforced || Caller.Of(context).Client is not { Role: ClientRoles.HolderApp } app || app.Region == reader.Log.Region)
        {
            return;
        }
        var what = licenseId is null ? "a grant" : licenseId;
        throw NodeException.PermissionDenied("HOLDER_APP_OF_OTHER_REGION",
            $"{what} belongs to region {reader.Log.Region}: only its holders' app acts for the holder; certificate is region {app.Region}'s holders' app");
    }
}
