using Grpc.Core;
using Regional.LicenseVerifier.Digests;
using Regional.Node.Errors;
using Regional.Node.Federation;
using Regional.Node.Federation.Transport;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Storage.Licenses;
using Regional.V1;

namespace Regional.Node.Relay;

/// <summary>
/// Relays downloads and holder queries to the issuing region over mutual TLS, the X-Road way:
/// a business system talks to its own region's node only. A relayed document is checked against
/// this node's own mirror (the digests of the licence's current version) before it is handed
/// out, and comes back with a proof bundle built from the mirror.
/// </summary>
internal sealed partial class LicenseRelay(IServiceProvider services, LogReader reader, LicenseReader licenses, ILogger<LicenseRelay> logger)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private FederationContext? Federation => services.GetService<FederationContext>();

    private IPeerChannels Channels => services.GetRequiredService<IPeerChannels>();

    /// <summary>Relays a download. The issuer is asked only for the version this node's mirror can check
    /// (if_version), so a single-use grant is used up only when the document can be delivered: a mirror
    /// that is behind answers MIRROR_BEHIND with the grant untouched.</summary>
    public async Task<DownloadLicenseResponse> DownloadAsync(DownloadLicenseRequest request, string region, ServerCallContext context)
    {
        var headers = RelayCaller.Require(context, region, reader.Log.Region);
        var peer = Federation?.Trust.Region(region)
            ?? throw NodeException.NotFound("UNKNOWN_REGION", $"license_id: region '{region}' is not in this federation");
        var mirror = reader.Mirrors.ByRegion(region)!;
        var checkable = CheckableVersion(mirror, request.LicenseId);
        if (request.IfVersion != 0 && request.IfVersion != checkable)
        {
            throw MirrorBehind(region, request.LicenseId, $"version {request.IfVersion} was asked for; this node's mirror holds version {checkable}");
        }
        var relayed = request.Clone();
        relayed.IfVersion = checkable;
        DownloadLicenseResponse answer;
        try
        {
            answer = await new LicenseService.LicenseServiceClient(Channels.For(peer))
                .DownloadLicenseAsync(relayed, RelayCaller.Options(context, Limit).WithHeaders(headers));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && ex.ErrorInfo()?.Reason == "VERSION_CHANGED")
        {
            throw MirrorBehind(region, request.LicenseId, "region " + region + " holds a newer version than this node's mirror");
        }
        using var session = reader.Open();
        var state = mirror.State;
        var row = session.Licenses.Find(request.LicenseId);
        if (row is null || row.LogId != mirror.LogId || row.DocumentLeaf >= state.Head.TreeSize || row.Version != answer.Document.Version)
        {
            throw NodeException.Unavailable("MIRROR_BEHIND",
                $"region {region} answered version {answer.Document.Version} of {request.LicenseId}, which this node's mirror cannot check yet; retry shortly");
        }
        var entry = LedgerEntry.Parser.ParseFrom(LogReader.RequireEntry(session, mirror, row.DocumentLeaf));
        var digests = entry.LicenseAmended?.FieldDigests ?? entry.LicenseIssued.FieldDigests;
        var check = FieldDigests.Check(mirror.Suite, digests, answer.Document.Fields);
        if (!check.IsValid || check.Fields.Any(f => f.Outcome != FieldOutcome.Match))
        {
            throw NodeException.FailedPrecondition("DOCUMENT_MISMATCH",
                $"the document region {region} returned for {request.LicenseId} does not match the digests in this node's mirror; it was not handed out");
        }
        var events = session.Licenses.Events(row.LicenseId, state.Head.TreeSize);
        return new DownloadLicenseResponse
        {
            Document = answer.Document,
            Proof = licenses.CosignedBundle(session, mirror, state, row.LicenseId, row.DocumentLeaf, [.. events.Where(e => e.Kind == LicenseEvent.StatusChanged).Select(e => e.LeafIndex)]),
        };
    }

    /// <summary>The version of the licence this node's mirror of its region holds (sealed and visible).</summary>
    private uint CheckableVersion(MirrorLog mirror, string licenseId)
    {
        using var session = reader.Open();
        var row = session.Licenses.Find(licenseId);
        return row is not null && row.LogId == mirror.LogId && row.DocumentLeaf < mirror.State.Head.TreeSize
            ? row.Version
            : throw MirrorBehind(mirror.Region, licenseId, "this node's mirror does not hold it yet");
    }

    private static NodeException MirrorBehind(string region, string licenseId, string why) =>
        NodeException.Unavailable("MIRROR_BEHIND",
            $"{licenseId}: {why}, so region {region}'s document could not be checked here; nothing was asked of region {region} and no grant was used; retry shortly");

    /// <summary>Relays a fact check (values without salts) to the issuing region, with the caller's
    /// access context; its answer is match or mismatch per field, and the status.</summary>
    public async Task<VerifyLicenseResponse> FactCheckAsync(VerifyLicenseRequest request, string region, ServerCallContext context)
    {
        var headers = RelayCaller.Require(context, region, reader.Log.Region);
        var peer = Federation?.Trust.Region(region)
            ?? throw NodeException.NotFound("UNKNOWN_REGION", $"license_id: region '{region}' is not in this federation");
        return await new LicenseService.LicenseServiceClient(Channels.For(peer))
            .VerifyLicenseAsync(request, RelayCaller.Options(context, Limit).WithHeaders(headers));
    }

    /// <summary>Asks every other region for the holder's licences, in parallel, each within the
    /// limit; regions that do not answer are named in the response.</summary>
    public async Task QueryPeersAsync(QueryLicensesRequest request, QueryLicensesResponse response, ServerCallContext context)
    {
        if (Federation is not { } federation)
        {
            return;
        }
        var headers = RelayCaller.Require(context, "other regions", reader.Log.Region);
        var asks = federation.Peers.Select(async peer =>
        {
            try
            {
                var answer = await new LicenseService.LicenseServiceClient(Channels.For(peer))
                    .QueryLicensesAsync(request, RelayCaller.Options(context, Limit).WithHeaders(headers));
                return (peer.Id, answer);
            }
            catch (RpcException ex)
            {
                LogRelayFailed(peer.Id, ex.StatusCode, ex.Status.Detail);
                return (peer.Id, (QueryLicensesResponse?)null);
            }
        });
        foreach (var (region, answer) in await Task.WhenAll(asks))
        {
            if (answer is null)
            {
                response.UnreachableRegions.Add(region);
            }
            else
            {
                response.Licenses.Add(answer.Licenses);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay to region {Region} failed ({Code}): {Detail}")]
    private partial void LogRelayFailed(string region, StatusCode code, string detail);
}
