using Grpc.Core;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Consent;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Services;

/// <summary>ConsentService: the holder's app grants, withdraws and lists consents at the issuing
/// region's node (roles enforced by the authorisation interceptor).</summary>
internal sealed class ConsentGrpcService(LedgerWriter writer, LogReader reader, NoteSigner signer) : ConsentService.ConsentServiceBase
{
    public override async Task<GrantConsentResponse> GrantConsent(GrantConsentRequest request, ServerCallContext context)
    {
        RequestRules.CheckLicenseId(request.LicenseId, "license_id");
        var done = await writer.SubmitAsync(new GrantConsentCommand(request), context.CancellationToken);
        return new GrantConsentResponse { Grant = done.Value, Token = ConsentToken.Sign(done.Value, signer), Receipt = done.Receipt };
    }

    public override async Task<WithdrawConsentResponse> WithdrawConsent(WithdrawConsentRequest request, ServerCallContext context)
    {
        if (request.GrantId.Length == 0)
        {
            throw NodeException.InvalidArgument("grant_id", "missing: want the id of the grant to withdraw");
        }
        var done = await writer.SubmitAsync(new WithdrawConsentCommand(request.GrantId), context.CancellationToken);
        return new WithdrawConsentResponse { Receipt = done.Receipt };
    }

    public override Task<ListConsentsResponse> ListConsents(ListConsentsRequest request, ServerCallContext context)
    {
        RequestRules.CheckLicenseId(request.LicenseId, "license_id");
        using var connection = reader.Open();
        var response = new ListConsentsResponse();
        foreach (var row in ConsentStore.ByLicense(connection, request.LicenseId))
        {
            response.Consents.Add(new ConsentState { Grant = row.Grant, Withdrawn = row.Withdrawn, Uses = row.Uses });
        }
        return Task.FromResult(response);
    }
}
