using Grpc.Core;
using Microsoft.Extensions.Options;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Telemetry;
using Regional.V1;
using Regional.Node.Configuration;

namespace Regional.Node.Consent;

/// <summary>
/// The issuing region's check of every content access (query, download, fact check): decided by
/// <see cref="AccessGate"/> and recorded on the own log by <see cref="RecordAccessCommand"/>. Only
/// when the node trusts a CA: without one there are no identities and content stays open.
/// </summary>
internal sealed partial class ContentAccess(LedgerWriter writer, OwnLog log, LogReader reader, IOptions<NodeOptions> options, NodeMetrics metrics,
    TimeProvider clock, ILogger<ContentAccess> logger)
{
    public bool Enforced { get; } = !string.IsNullOrEmpty(options.Value.CaCertificatePath);

    /// <summary>What the caller may see of the licence, recorded; null when access is not enforced.</summary>
    /// <exception cref="NodeException">PERMISSION_DENIED with the reason; UNAUTHENTICATED when the call names no one.</exception>
    public async Task<AccessDecision?> AuthorizeAsync(string licenseId, AccessKind kind, string grantId, string matter,
        IReadOnlyCollection<string> fields, ServerCallContext context, uint ifVersion = 0)
    {
        if (!Enforced)
        {
            return null;
        }
        var access = Context(context)
            ?? throw NodeException.Unauthenticated("NO_ACCESS_CONTEXT",
                $"access to licence content needs a caller's identity: a client certificate, or a region node relaying with {AccessContext.OnBehalfOfHeader}");
        try
        {
            var done = await writer.SubmitAsync(new RecordAccessCommand(licenseId, kind, access, grantId, matter, fields, ifVersion), context.CancellationToken);
            return done.Value;
        }
        catch (NodeException ex) when (ex.Code == StatusCode.PermissionDenied)
        {
            metrics.AccessRefused(ex.Reason);
            throw;
        }
    }

    /// <summary>The caller's access context; a node claiming another region's department is refused and
    /// raises an alarm here, on the issuing node, for the operators: it is a stolen or misused node key.</summary>
    private AccessContext? Context(ServerCallContext context)
    {
        try
        {
            return AccessContext.Of(context, log.Region);
        }
        catch (NodeException ex) when (ex.Reason == AccessContext.RelayOutsideRegion)
        {
            metrics.AccessRefused(ex.Reason);
            var region = Security.Authorization.Caller.Of(context).NodeRegion ?? "";
            using (var session = reader.Open())
            {
                session.Alarms.Raise(region, Federation.AlarmKinds.Impersonation, ex.Message, clock.GetUtcNow());
            }
            LogImpersonation(region, ex.Message);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused a relayed call from region {Region}'s node: {Detail}")]
    private partial void LogImpersonation(string region, string detail);

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
