using Regional.LicenseVerifier;
using Regional.Node.Errors;
using Regional.Node.Federation;

namespace Regional.Node.Mirror;

/// <summary>
/// How a read-only mirror node answers a write (or anything only the issuing region can answer:
/// downloads, holder queries, consents): FAILED_PRECONDITION, reason READ_ONLY_MIRROR, naming the
/// region's node to send it to (from the trust file); ErrorInfo metadata "region" and "endpoint"
/// let a client redirect without parsing the message.
/// </summary>
internal sealed class WriteRefusal(FederationContext federation)
{
    public const string Reason = "READ_ONLY_MIRROR";

    /// <param name="what">What was asked, e.g. "IssueLicense".</param>
    /// <param name="region">The region that answers it (from a department or licence id); null or
    /// unknown when the request does not say, then every region's endpoint is listed.</param>
    public NodeException Refuse(string what, string? region)
    {
        var target = region is null ? null : federation.Trust.Region(region);
        if (target is null)
        {
            var all = string.Join(", ", federation.Trust.Regions.Select(r => $"{r.Id} {r.Endpoint}"));
            return NodeException.FailedPrecondition(Reason, $"{what}: this is a read-only mirror; send it to the issuing region's node ({all})");
        }
        var endpoint = target.Endpoint.ToString().TrimEnd('/');
        return NodeException.FailedPrecondition(Reason, $"{what}: this is a read-only mirror; send it to region {target.Id}'s node {endpoint}",
            new Dictionary<string, string> { ["region"] = target.Id, ["endpoint"] = endpoint });
    }

    /// <summary>The region of a licence id ("BJ-2026-000123" is bj's); null when it is not one.</summary>
    public static string? RegionOf(string licenseId) => LicenseId.TryParse(licenseId, out var id) ? id.Region : null;

    /// <summary>The region of a department ("bj-samr" is bj's); null when it names none.</summary>
    public static string? RegionOfDepartment(string department) =>
        department.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash ? department[..dash].ToLowerInvariant() : null;
}
