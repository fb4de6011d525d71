using Grpc.Core;
using Regional.Node.Ledger;
using Regional.Node.Services;
using Regional.Node.Sharing;
using Regional.V1;

namespace Regional.Node.Mirror;

/// <summary>DirectoryService of a read-only mirror node: every region's sharing applications and decisions as mirrored
/// (projected from the mirrored entries), so who may see what, by whose decision, reads from a mirror as from a region.
/// Applications and decisions are taken by the owning region: refused with its endpoint.</summary>
internal sealed class MirrorDirectoryGrpcService(LogReader reader, WriteRefusal refusal, TimeProvider clock) : DirectoryService.DirectoryServiceBase
{
    public override Task<ApplyForSharingResponse> ApplyForSharing(ApplyForSharingRequest request, ServerCallContext context) =>
        throw refusal.Refuse("ApplyForSharing (apply at your own region's node)", request.Region.Length > 0 ? request.Region : null);

    public override Task<ApproveApplicationResponse> ApproveApplication(ApproveApplicationRequest request, ServerCallContext context) =>
        throw refusal.Refuse("ApproveApplication (decided at the owning region's node)", RegionOf(request.ApplicationId));

    public override Task<RefuseApplicationResponse> RefuseApplication(RefuseApplicationRequest request, ServerCallContext context) =>
        throw refusal.Refuse("RefuseApplication (decided at the owning region's node)", RegionOf(request.ApplicationId));

    public override Task<RevokeApprovalResponse> RevokeApproval(RevokeApprovalRequest request, ServerCallContext context) =>
        throw refusal.Refuse("RevokeApproval (decided at the owning region's node)", RegionOf(request.ApplicationId));

    public override Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        SharingRequestRules.CheckList(request);
        using var session = reader.Open();
        return Task.FromResult(SharingStates.List(session, request, clock.GetUtcNow()));
    }

    /// <summary>The owning region of a mirrored application, to name its node; null when the mirror holds none.</summary>
    private string? RegionOf(string applicationId)
    {
        using var session = reader.Open();
        return session.Sharing.Find(applicationId)?.Region;
    }
}
