using System.Diagnostics;
using Regional.LicenseVerifier.Ledger;

namespace Regional.Node.Telemetry;

/// <summary>
/// The node's own spans: one ActivitySource named "Regional.Node" for the whole process, and the tag
/// names its spans and metrics carry (see docs/observability.md). Starting a span costs nothing when
/// no tracer listens: StartActivity then returns null and every tag call is skipped.
/// </summary>
internal static class NodeTelemetry
{
    /// <summary>The name of the node's ActivitySource and Meter.</summary>
    public const string Name = "Regional.Node";

    /// <summary>The region whose node produced the span or measurement (bj, tj, he).</summary>
    public const string RegionTag = "regional.region";

    /// <summary>The other region a span or measurement is about: the mirrored or witnessed log, the
    /// witness asked, the issuer a download was relayed to.</summary>
    public const string PeerTag = "regional.peer";

    /// <summary>A block height.</summary>
    public const string HeightTag = "regional.log.height";

    /// <summary>A tree size (number of entries in the log) after the block or at the checkpoint.</summary>
    public const string SizeTag = "regional.log.size";

    /// <summary>Entries in one block.</summary>
    public const string EntriesTag = "regional.block.entries";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Starts one of the node's spans, tagged with the region it runs for; null when nobody listens.</summary>
    public static Activity? Start(string name, string region, ActivityKind kind = ActivityKind.Internal) =>
        Source.StartActivity(name, kind, parentContext: default, tags: [new(RegionTag, region)]);

    /// <summary>A "witness checkpoint" span: the publisher asking a peer's witness to cosign its
    /// checkpoint, or the witness judging and cosigning a peer's; null when nobody listens.</summary>
    /// <param name="role">"publisher" or "witness".</param>
    public static Activity? Witnessing(string region, string peer, string role, ulong treeSize) =>
        Start("witness checkpoint", region)?.SetTag(PeerTag, peer).SetTag("regional.witness.role", role).SetTag(SizeTag, treeSize);

    /// <summary>Tags a "mirror block" span with the checked block's height and size, and marks it
    /// failed with the reason when the block was rejected.</summary>
    public static void Checked(Activity? activity, BlockCheck check)
    {
        activity?.SetTag(HeightTag, check.Header?.Height).SetTag(SizeTag, check.Header?.TreeSize);
        if (!check.IsValid)
        {
            activity?.SetStatus(ActivityStatusCode.Error, $"{check.Failure}: {check.Detail}");
        }
    }
}
