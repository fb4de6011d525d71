using Grpc.Core;
using Microsoft.Extensions.Options;
using Regional.Node.Errors;
using Regional.Node.Hosting;
using Regional.Node.Ledger;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>
/// The issuing region's check of every content access (query, download, fact check): decided by
/// <see cref="AccessGate"/> and recorded on the own log by <see cref="RecordAccessCommand"/>. Only
/// when the node trusts a CA: without one there are no identities and content stays open.
/// </summary>
internal sealed class ContentAccess(LedgerWriter writer, OwnLog log, IOptions<NodeOptions> options)
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
        var done = await writer.SubmitAsync(new RecordAccessCommand(licenseId, kind, access, grantId, matter, fields), context.CancellationToken);
        return done.Value;
    }
}
