using System.Diagnostics.Metrics;
using Regional.V1;

namespace Regional.Node.Telemetry;

/// <summary>
/// The node's metrics, on one Meter named "Regional.Node" per node (made by the host's
/// IMeterFactory, so it goes away with the node; its scope carries the node's region). Counters
/// are recorded where things happen; the gauges read state the node already keeps
/// (<see cref="IGaugeSource"/>, the node's gauges: Hosting/NodeGauges). Names, units and tags: docs/observability.md.
/// </summary>
/// <remarks>Thread-safe: instruments may be recorded from any thread.</remarks>
internal sealed class NodeMetrics : Errors.IRefusalCounter
{
    private readonly Counter<long> _blocksSealed;
    private readonly Histogram<double> _sealDuration;
    private readonly Counter<long> _verifications;
    private readonly Counter<long> _downloads;
    private readonly Counter<long> _consentGrants;
    private readonly Counter<long> _consentRefusals;
    private readonly Counter<long> _callsRefused;

    public NodeMetrics(IMeterFactory factory, string region, IGaugeSource gauges)
    {
        Meter = factory.Create(new MeterOptions(NodeTelemetry.Name) { Tags = [new(NodeTelemetry.RegionTag, region)] });
        _blocksSealed = Meter.CreateCounter<long>("regional.blocks.sealed", "{block}", "Blocks of the own log sealed since the node started");
        _sealDuration = Meter.CreateHistogram<double>("regional.seal.duration", "s", "Time to seal one block: run its entries, write it and sign its checkpoint, in one transaction",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
        _verifications = Meter.CreateCounter<long>("regional.verifications", "{verification}", "VerifyLicense answers, by the status answered");
        _downloads = Meter.CreateCounter<long>("regional.downloads", "{download}", "Licence documents handed out by DownloadLicense, by issuing region");
        _consentGrants = Meter.CreateCounter<long>("regional.consent.grants", "{grant}", "Holder authorisations recorded on the own log");
        _callsRefused = Meter.CreateCounter<long>("regional.calls.refused", "{call}",
            "Calls answered with an error, by gRPC status code and ErrorInfo reason (NODE_BUSY and LEDGER_BUSY are load shed)");
        _consentRefusals = Meter.CreateCounter<long>("regional.consent.refusals", "{refusal}", "Accesses to licence content this node refused as issuer, by reason");
        gauges.Register(Meter);
    }

    public Meter Meter { get; }

    public void BlockSealed(TimeSpan elapsed)
    {
        _blocksSealed.Add(1);
        _sealDuration.Record(elapsed.TotalSeconds);
    }

    public void Verified(VerificationStatus status) =>
        _verifications.Add(1, new KeyValuePair<string, object?>("regional.verification.status", StatusName(status)));

    public void Downloaded(string issuer) => _downloads.Add(1, new KeyValuePair<string, object?>("regional.issuer", issuer));

    public void ConsentGranted() => _consentGrants.Add(1);

    public void Refused(Grpc.Core.StatusCode code, string reason) => _callsRefused.Add(1,
        new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code), new KeyValuePair<string, object?>("regional.error.reason", reason));

    public void AccessRefused(string reason) => _consentRefusals.Add(1, new KeyValuePair<string, object?>("regional.refusal.reason", reason));

    /// <summary>"valid", "not_found", ...: the enum value without its prefix, as operators read it.</summary>
    internal static string StatusName(VerificationStatus status) => status switch
    {
        VerificationStatus.Valid => "valid",
        VerificationStatus.Revoked => "revoked",
        VerificationStatus.Suspended => "suspended",
        VerificationStatus.Expired => "expired",
        VerificationStatus.NotFound => "not_found",
        VerificationStatus.Mismatch => "mismatch",
        VerificationStatus.Unknown => "unknown",
        VerificationStatus.Superseded => "superseded",
        _ => "unspecified",
    };
}
