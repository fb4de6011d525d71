using Grpc.Core;
using Regional.Node.Consent;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Relay;
using Regional.Node.Security.Authorization;
using Regional.Node.Sharing;
using Regional.V1;

namespace Regional.Node.Services;

/// <summary>DirectoryService: sharing on application. An application is taken at the applicant's own node and
/// relayed to the region whose directory has the type; decisions are made at the owner's node by the owner's
/// issuers. Roles are enforced by the authorisation interceptor; identities and ownership here and in the commands.</summary>
internal sealed class DirectoryGrpcService(LedgerWriter writer, LogReader reader, SharingRelay relay, TimeProvider clock)
    : DirectoryService.DirectoryServiceBase
{
    public override async Task<ApplyForSharingResponse> ApplyForSharing(ApplyForSharingRequest request, ServerCallContext context)
    {
        SharingRequestRules.CheckApply(request);
        var applicant = AccessContext.Of(context, reader.Log.Region) ?? throw NoIdentity("apply for sharing");
        var own = reader.Log.Region;
        var region = request.Region.Length > 0 ? request.Region : IsOwnType(request.LicenseType) ? own : relay.OwningRegion(request.LicenseType);
        if (region != own)
        {
            // A relayed application is answered here or not at all: it is never relayed again.
            if (region is null || RelayCaller.IsPeerNode(context))
            {
                throw NodeException.NotFound("NOT_FOUND",
                    $"license_type: no licence type '{FieldViolations.Quote(request.LicenseType)}' in {(region is null ? "any directory this node holds" : $"region {own}'s directory")}");
            }
            return await relay.ApplyAsync(request, region, context);
        }
        var done = await writer.SubmitAsync(new ApplyForSharingCommand(request, applicant.Department), context.CancellationToken);
        return new ApplyForSharingResponse { Application = Read(done.Value), Receipt = done.Receipt };
    }

    public override async Task<ApproveApplicationResponse> ApproveApplication(ApproveApplicationRequest request, ServerCallContext context)
    {
        SharingRequestRules.CheckApprove(request);
        var done = await writer.SubmitAsync(new ApproveApplicationCommand(request, Decider(context)), context.CancellationToken);
        return new ApproveApplicationResponse { Application = Read(done.Value), Receipt = done.Receipt };
    }

    public override async Task<RefuseApplicationResponse> RefuseApplication(RefuseApplicationRequest request, ServerCallContext context)
    {
        SharingRequestRules.CheckDecision(request.ApplicationId, request.Reason, request.RequestId);
        var done = await writer.SubmitAsync(EndApplicationCommand.Refuse(request, Decider(context)), context.CancellationToken);
        return new RefuseApplicationResponse { Application = Read(done.Value), Receipt = done.Receipt };
    }

    public override async Task<RevokeApprovalResponse> RevokeApproval(RevokeApprovalRequest request, ServerCallContext context)
    {
        SharingRequestRules.CheckDecision(request.ApplicationId, request.Reason, request.RequestId);
        var done = await writer.SubmitAsync(EndApplicationCommand.Revoke(request, Decider(context)), context.CancellationToken);
        return new RevokeApprovalResponse { Application = Read(done.Value), Receipt = done.Receipt };
    }

    public override Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        SharingRequestRules.CheckList(request);
        using var session = reader.Open();
        return Task.FromResult(SharingStates.List(session, request, clock.GetUtcNow()));
    }

    private bool IsOwnType(string code)
    {
        using var session = reader.Open();
        return session.Catalog.Find(reader.Log.LogId, code) is not null;
    }

    private SharingApplication Read(string applicationId)
    {
        using var session = reader.Open();
        var row = session.Sharing.Find(applicationId) ?? throw new InvalidOperationException($"application {applicationId} was recorded but cannot be read");
        return SharingStates.ToWire(row, clock.GetUtcNow());
    }

    /// <summary>The department deciding: the caller's certificate's (the role, issuer, is the interceptor's check).</summary>
    private static string Decider(ServerCallContext context) =>
        Caller.Of(context).Client?.Department ?? throw NoIdentity("decide an application");

    private static NodeException NoIdentity(string what) =>
        NodeException.Unauthenticated("NO_ACCESS_CONTEXT", $"to {what}, present a client certificate of your department (issuer or clerk role)");
}
