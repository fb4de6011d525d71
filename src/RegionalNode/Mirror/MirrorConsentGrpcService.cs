using Grpc.Core;
using Regional.V1;

namespace Regional.Node.Mirror;

/// <summary>ConsentService of a read-only mirror node: consents are granted, withdrawn and listed at
/// the issuing region, which signs and records them; every call is refused with its endpoint.</summary>
internal sealed class MirrorConsentGrpcService(WriteRefusal refusal) : ConsentService.ConsentServiceBase
{
    public override Task<GrantConsentResponse> GrantConsent(GrantConsentRequest request, ServerCallContext context) =>
        throw refusal.Refuse("GrantConsent", WriteRefusal.RegionOf(request.LicenseId));

    public override Task<WithdrawConsentResponse> WithdrawConsent(WithdrawConsentRequest request, ServerCallContext context) =>
        throw refusal.Refuse("WithdrawConsent", null);

    public override Task<ListConsentsResponse> ListConsents(ListConsentsRequest request, ServerCallContext context) =>
        throw refusal.Refuse("ListConsents", WriteRefusal.RegionOf(request.LicenseId));

    public override Task<ListAccessesResponse> ListAccesses(ListAccessesRequest request, ServerCallContext context) =>
        throw refusal.Refuse("ListAccesses", WriteRefusal.RegionOf(request.LicenseId));
}
