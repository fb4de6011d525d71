using Google.Protobuf;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Sharing;

/// <summary>The owner ends an application with a reason: refuses it while pending (a SharingRefused entry), or
/// revokes its approval while in force (a SharingRevoked entry), after which every access under it is refused
/// from this block on, relayed ones included, since the issuing region decides each access.</summary>
internal sealed class EndApplicationCommand(string applicationId, string reason, bool revoke, string actorDepartment, string requestId, IMessage request)
    : LedgerCommand<string>(SharingTerms.RequestKey(requestId, actorDepartment), request)
{
    public static EndApplicationCommand Refuse(RefuseApplicationRequest request, string actorDepartment) =>
        new(request.ApplicationId, request.Reason, revoke: false, actorDepartment, request.RequestId, request);

    public static EndApplicationCommand Revoke(RevokeApprovalRequest request, string actorDepartment) =>
        new(request.ApplicationId, request.Reason, revoke: true, actorDepartment, request.RequestId, request);

    protected override string Run(SealingContext context)
    {
        SharingOwner.Require(context, applicationId, actorDepartment, revoke ? ApplicationState.Approved : ApplicationState.Pending);
        var sharing = context.Session.Sharing;
        if (revoke)
        {
            var revoked = new SharingRevoked { ApplicationId = applicationId, Reason = reason };
            sharing.AddRevocation(revoked, context.Append(new LedgerEntry { SharingRevoked = revoked }));
        }
        else
        {
            var refused = new SharingRefused { ApplicationId = applicationId, Reason = reason };
            sharing.AddRefusal(refused, context.Append(new LedgerEntry { SharingRefused = refused }));
        }
        return applicationId;
    }
}
