using Regional.Node.Storage;
using Regional.Node.Storage.Sharing;
using Regional.V1;

namespace Regional.Node.Sharing;

/// <summary>Where an application stands at a moment: pending, approved (in force), refused, revoked, or
/// expired (an approval past its term, or an application left undecided past the term it asked for).</summary>
internal static class SharingStates
{
    public static ApplicationState Of(SharingRow row, DateTimeOffset now) => row switch
    {
        { Refused: true } => ApplicationState.Refused,
        { Revoked: true } => ApplicationState.Revoked,
        { Approval: { } approval } => approval.Until.ToDateTimeOffset() > now ? ApplicationState.Approved : ApplicationState.Expired,
        _ => row.Applied.RequestedUntil.ToDateTimeOffset() > now ? ApplicationState.Pending : ApplicationState.Expired,
    };

    /// <summary>Whether the approval of the row lets its department see the type for the matter now.</summary>
    public static bool InForce(SharingRow row, DateTimeOffset now) => Of(row, now) == ApplicationState.Approved;

    /// <summary>The row as DirectoryService answers it.</summary>
    public static SharingApplication ToWire(SharingRow row, DateTimeOffset now) => new()
    {
        Region = row.Region,
        Applied = row.Applied,
        State = Of(row, now),
        Approval = row.Approval,
        DecisionReason = row.Reason,
        AppliedLeaf = row.AppliedLeaf,
        DecidedLeaf = row.DecidedLeaf ?? 0,
        RevokedLeaf = row.RevokedLeaf ?? 0,
    };

    /// <summary>ListApplications: the applications of every log the session's node holds, filtered, as of now.</summary>
    public static ListApplicationsResponse List(IStoreSession session, ListApplicationsRequest request, DateTimeOffset now) => new()
    {
        Applications =
        {
            session.Sharing.List(null, Optional(request.LicenseType), Optional(request.Department))
                .Select(row => ToWire(row, now))
                .Where(a => request.State == ApplicationState.Unspecified || a.State == request.State),
        },
    };

    /// <summary>The approvals in force for a type of a log, for GetLicenseType.</summary>
    public static IEnumerable<SharingApproved> InForce(IStoreSession session, long logId, string code, DateTimeOffset now) =>
        session.Sharing.List(logId, code, null).Where(row => InForce(row, now)).Select(row => row.Approval!);

    private static string? Optional(string value) => value.Length > 0 ? value : null;

    /// <summary>The state's name as the CLI and messages show it ("APPROVED").</summary>
    public static string Name(ApplicationState state) => state.ToString().ToUpperInvariant();
}
