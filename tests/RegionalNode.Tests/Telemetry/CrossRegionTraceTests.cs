using System.Diagnostics;
using OpenTelemetry.Metrics;
using Regional.Node.Telemetry;
using Regional.Node.Tests.Federation;
using Regional.Node.Tests.Licenses;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Telemetry;

/// <summary>A bj licence downloaded in tj: one trace runs from tj's server span through tj's outbound
/// call into bj's server span, and the metrics of both nodes move.</summary>
public class CrossRegionTraceTests
{
    private readonly TelemetryCapture _capture = new();
    private TestFederation _federation = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _federation = await TestFederation.StartAsync((region, builder) =>
        {
            if (region == "tj")
            {
                _capture.AddTo(builder);
            }
        }, witnessQuorum: 0, regions: ["bj", "tj"]);
        _capture.Attach(_federation["tj"].Services);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _federation.DisposeAsync();

    [Test]
    public async Task DownloadLicense_BjLicenceInTj_OneTraceCrossesBothNodesAndMetricsMove()
    {
        var issued = await new LicenseClient(_federation["bj"].Channel).IssueAsync();
        await Eventually.UntilAsync(
            () => new LicenseClient(_federation["tj"].Channel).Licenses.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = issued.LicenseId }).ResponseAsync,
            r => r.Status == VerificationStatus.Valid, seconds: 30);
        var metrics = _capture.CollectMetrics();
        var (sealedBefore, tjDownloadsBefore, bjDownloadsBefore) =
            (Sum(metrics, "regional.blocks.sealed", "bj"), Sum(metrics, "regional.downloads", "tj"), Sum(metrics, "regional.downloads", "bj"));
        using var clerk = _federation.Ca.IssueClient("tj", "tj-housing", "clerk");
        using var channel = _federation["tj"].CreateChannel(clerk);

        ActivityTraceId trace;
        // The caller's own span, sampled: the nodes follow the caller's sampling decision (parent-based).
        using (var root = new Activity("test: download in tj") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start())
        {
            trace = root.TraceId;
            await new LicenseService.LicenseServiceClient(channel).DownloadLicenseAsync(new DownloadLicenseRequest { LicenseId = issued.LicenseId });
        }
        var spans = await Eventually.UntilAsync(() => Task.FromResult(InTrace(trace)), s => ServerSpan(s, "tj") is not null && ServerSpan(s, "bj") is not null, seconds: 30);
        metrics = _capture.CollectMetrics();

        var tjServer = ServerSpan(spans, "tj");
        var bjServer = ServerSpan(spans, "bj");
        Assert.That(tjServer, Is.Not.Null, Describe(spans));
        Assert.That(bjServer, Is.Not.Null, Describe(spans));
        var chain = Ancestors(spans, bjServer!);
        Assert.That(chain, Has.Some.Matches<Activity>(a => a.Kind == ActivityKind.Client), Describe(spans));
        Assert.That(chain, Has.Member(tjServer), Describe(spans));
        Assert.That(Sum(metrics, "regional.blocks.sealed", "bj"), Is.GreaterThan(sealedBefore), "bj records the access in a new block");
        Assert.That(Sum(metrics, "regional.downloads", "tj"), Is.EqualTo(tjDownloadsBefore + 1));
        Assert.That(Sum(metrics, "regional.downloads", "bj"), Is.EqualTo(bjDownloadsBefore + 1));
        Assert.That(Sum(metrics, "regional.verifications", "tj"), Is.GreaterThanOrEqualTo(1));
        Assert.That(Sum(metrics, "regional.log.size", "bj"), Is.GreaterThan(issued.Receipt.LeafIndex));
        Assert.That(Find(metrics, "regional.mirror.lag.entries", "tj"), Is.Not.Null, "tj's lag behind bj is exported");
        Assert.That(Peers(Find(metrics, "regional.mirror.lag.entries", "tj")!), Is.EqualTo(new[] { "bj" }));
    }

    private List<Activity> InTrace(ActivityTraceId trace) => [.. _capture.Spans.Where(s => s.TraceId == trace)];

    /// <summary>The server span of the node of the region that served DownloadLicense in the trace.</summary>
    private static Activity? ServerSpan(IReadOnlyList<Activity> spans, string region) => spans.FirstOrDefault(s =>
        s.Kind == ActivityKind.Server && (s.GetTagItem(NodeTelemetry.RegionTag) as string) == region
        && s.GetTagItem("grpc.method") is "/regional.v1.LicenseService/DownloadLicense");

    /// <summary>The span's parent, grandparent, ... as far as they were collected.</summary>
    private static List<Activity> Ancestors(IReadOnlyList<Activity> spans, Activity span)
    {
        var chain = new List<Activity>();
        for (var parent = spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId); parent is not null; parent = spans.FirstOrDefault(s => s.SpanId == parent.ParentSpanId))
        {
            chain.Add(parent);
        }
        return chain;
    }

    private static Metric? Find(IReadOnlyList<Metric> metrics, string name, string region) => metrics.FirstOrDefault(m =>
        m.Name == name && m.MeterName == NodeTelemetry.Name && (m.MeterTags ?? []).Any(t => t.Key == NodeTelemetry.RegionTag && (string?)t.Value == region));

    private static double Sum(IReadOnlyList<Metric> metrics, string name, string region)
    {
        var metric = Find(metrics, name, region);
        var sum = 0.0;
        foreach (ref readonly var point in metric?.GetMetricPoints() ?? default)
        {
            sum += metric!.MetricType switch
            {
                MetricType.LongSum => point.GetSumLong(),
                MetricType.LongGauge => point.GetGaugeLastValueLong(),
                MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                _ => point.GetSumDouble(),
            };
        }
        return sum;
    }

    private static List<string> Peers(Metric metric)
    {
        var peers = new List<string>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                if (tag.Key == NodeTelemetry.PeerTag)
                {
                    peers.Add((string)tag.Value!);
                }
            }
        }
        return peers;
    }

    private static string Describe(IReadOnlyList<Activity> spans) => string.Join("\n", spans.Select(s =>
        $"{s.SpanId} <- {s.ParentSpanId} {s.Kind} {s.Source.Name} '{s.DisplayName}' {string.Join(", ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"));
}
