using Regional.Node.Errors;
using Regional.Node.Storage.Sharing;
using Regional.V1;

namespace Regional.Node.Sharing;

/// <summary>
/// A conditionally shared type's effective sharing: its catalog entry plus the approvals in force. For a
/// department outside the catalog's own list, the access needs an approval of its application for the type
/// that names the matter, has not ended (by the node's clock) and was not revoked; the approval's fields
/// (empty: all) bound what the access may see. Refusals name what is missing and how to apply.
/// </summary>
internal static class EffectiveSharing
{
    /// <summary>The approval the access runs under.</summary>
    /// <param name="wanted">The fields asked for (null: whatever the grant and the approval allow).</param>
    /// <exception cref="NodeException">PERMISSION_DENIED NO_APPROVAL, APPROVAL_REVOKED, APPROVAL_EXPIRED or FIELD_NOT_APPROVED.</exception>
    public static SharingApproved Require(ISharingStore sharing, long logId, string licenseType, string department, string matter,
        IReadOnlyCollection<string>? wanted, DateTimeOffset now)
    {
        var approved = sharing.List(logId, licenseType, department).Where(r => r.Approval is not null).ToList();
        var forMatter = approved.Where(r => r.Approval!.MatterCodes.Contains(matter)).ToList();
        var inForce = forMatter.Where(r => SharingStates.InForce(r, now)).ToList();
        if (inForce.Count == 0)
        {
            throw Missing(forMatter.OrderBy(r => r.DecidedLeaf).LastOrDefault(), approved, licenseType, department, matter);
        }
        var best = inForce.OrderByDescending(r => Outside(r.Approval!, wanted).Count == 0).ThenByDescending(r => r.DecidedLeaf).First().Approval!;
        var outside = Outside(best, wanted);
        if (outside.Count > 0)
        {
            throw NodeException.PermissionDenied("FIELD_NOT_APPROVED",
                $"approval {best.ApplicationId} lets {department} see only {string.Join(", ", best.Fields)} of {licenseType}, not {string.Join(", ", outside)}; apply for more with: regional directory apply {licenseType} --fields ... --matter {matter}");
        }
        return best;
    }

    /// <summary>The fields an access may see under the approval: the wanted or granted ones, narrowed to the approval's.</summary>
    public static IReadOnlyList<string> Narrow(SharingApproved approval, IEnumerable<string> fields) =>
        approval.Fields.Count == 0 ? [.. fields] : [.. fields.Where(approval.Fields.Contains)];

    private static List<string> Outside(SharingApproved approval, IReadOnlyCollection<string>? wanted) =>
        approval.Fields.Count == 0 || wanted is null ? [] : [.. wanted.Where(f => !approval.Fields.Contains(f))];

    private static NodeException Missing(SharingRow? latest, List<SharingRow> approved, string licenseType, string department, string matter)
    {
        if (latest is { Revoked: true })
        {
            return NodeException.PermissionDenied("APPROVAL_REVOKED",
                $"approval {latest.Id} for {department} to see {licenseType} was revoked by {latest.Applied.OwningDepartment}: {latest.Reason}");
        }
        if (latest is not null)
        {
            return NodeException.PermissionDenied("APPROVAL_EXPIRED",
                $"approval {latest.Id} for {department} to see {licenseType} ended at {latest.Approval!.Until.ToDateTimeOffset():u}; apply again with: regional directory apply {licenseType} --matter {matter}");
        }
        var others = approved.Count == 0 ? "" : $" (its approvals cover the matters {string.Join(", ", approved.SelectMany(r => r.Approval!.MatterCodes).Distinct())})";
        return NodeException.PermissionDenied("NO_APPROVAL",
            $"{licenseType} is shared conditionally and {department} is not in its directory entry, nor approved for the matter '{FieldViolations.Quote(matter)}'{others}; "
            + $"apply with: regional directory apply {licenseType} --matter {(matter.Length > 0 ? matter : "CODE")} --reason TEXT --until DATE");
    }
}
