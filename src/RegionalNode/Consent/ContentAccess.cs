using Grpc.Core;
using Microsoft.Extensions.Options;
using Regional.Node.Errors;
using Regional.Node.Hosting;
using Regional.Node.Ledger;
using Regional.Node.Telemetry;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>
/// The issuing region's check of every content access (query, download, fact check): decided by
/// <see cref="AccessGate"/> and recorded on the own log by <see cref="RecordAccessCommand"/>. Only
/// when the node trusts a CA: without one there are no identities and content stays open.
/// </summary>
internal sealed class ContentAccess(LedgerWriter writer, OwnLog log, IOptions<NodeOptions> options, NodeMetrics metrics)
{
    public bool Enforced { get; } = !string.IsNullOrEmpty(options.Value.CaCertificatePath);

    /// <summary>What the caller may see of the licence, recorded; null when access is not enforced.</summary>
    /// <exception cref="NodeException">PERMISSION_DENIED with the reason; UNAUTHENTICATED when the call names no one.</exception>
    public async Task<AccessDecision?> AuthorizeAsync(string licenseId, AccessKind kind, string grantId, string matter,
        IReadOnlyCollection<string> fields, ServerCallContext context)
    {
        if (!Enforced)
        {
            return null;
        }
        var access = AccessContext.Of(context, log.Region)
            ?? throw NodeException.Unauthenticated("NO_ACCESS_CONTEXT",
                $"access to licence content needs a caller's identity: a client certificate, or a region node relaying with {AccessContext.OnBehalfOfHeader}");
        try
        {
            var done = await writer.SubmitAsync(new RecordAccessCommand(licenseId, kind, access, grantId, matter, fields), context.CancellationToken);
            return done.Value;
        }
        catch (NodeException ex) when (ex.Code == StatusCode.PermissionDenied)
        {
            metrics.AccessRefused(ex.Reason);
            throw;
        }
    }

    /// <summary>The holder query's answer, keeping only the licences the caller may see (each access
    /// recorded): a not-shared type of another department, or a conditional one without a valid
    /// grant for it, is left out.</summary>
    public async Task<QueryLicensesResponse> FilterQueryAsync(QueryLicensesResponse found, QueryLicensesRequest request, ServerCallContext context)
    {
        if (!Enforced || found.Licenses.Count == 0)
        {
            return found;
        }
        var kept = new List<LicenseSummary>();
        foreach (var license in found.Licenses)
        {
            try
            {
                await AuthorizeAsync(license.LicenseId, AccessKind.Query, request.GrantId, request.MatterCode, [], context);
                kept.Add(license);
            }
            catch (NodeException ex) when (ex.Code == StatusCode.PermissionDenied)
            {
                // Not visible to this caller: left out, as if absent.
            }
        }
        found.Licenses.Clear();
        found.Licenses.Add(kept);
        return found;
    }
}
