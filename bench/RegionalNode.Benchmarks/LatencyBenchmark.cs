using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `latency`: three node processes (bj, tj, he). bj issues licences open-loop at --rate per second for
/// --seconds; for each, the time from sending IssueLicense to bj until tj answers VALID for it. tj is
/// watched through its own mirror: a GetBlocks stream of bj's origin on tj says when a leaf arrived, and
/// then VerifyLicense on tj must answer VALID (that call's time is part of the figure).
/// </summary>
internal static class LatencyBenchmark
{
    public static async Task RunAsync(Arguments arguments)
    {
        var rate = arguments.Int("rate", 200);
        var duration = arguments.Seconds("seconds", 30);
        await using var federation = FederationProcesses.Create(arguments);
        foreach (var region in new[] { "bj", "tj", "he" })
        {
            await federation.StartAsync(region);
        }
        var bj = new LicenseService.LicenseServiceClient(federation["bj"].Channel);
        var tj = new LicenseService.LicenseServiceClient(federation["tj"].Channel);
        var tjLedger = new LedgerService.LedgerServiceClient(federation["tj"].Channel);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the mirrors connect
        var watch = new ArrivalWatch(tj);
        using var stop = new CancellationTokenSource();
        var watching = watch.FollowAsync(tjLedger, FederationProcesses.Origin("bj"), stop.Token);

        var cpu = (Bj: federation["bj"].CpuTime, Tj: federation["tj"].CpuTime);
        var load = Machine.LoadAverage();
        var total = (int)(rate * duration.TotalSeconds);
        var issues = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            if (Stopwatch.GetTimestamp() < due)
            {
                await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due));
            }
            issues.Add(watch.IssueAsync(bj));
        }
        var sending = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(issues);
        await watch.AllVisibleAsync(TimeSpan.FromSeconds(30));
        cpu = (federation["bj"].CpuTime - cpu.Bj, federation["tj"].CpuTime - cpu.Tj);
        await stop.CancelAsync();
        await watching;

        var (acknowledged, visible) = watch.Latencies();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            | Figure | Value |
            |---|---:|
            | licences issued in bj / offered rate / achieved send rate | {total:N0} / {rate}/s / {total / sending.TotalSeconds:F0}/s |
            | IssueLicense acknowledged by bj: p50 / p99 | {Percentile(acknowledged, 0.5):F1} ms / {Percentile(acknowledged, 0.99):F1} ms |
            | issued in bj until VALID on tj: p50 / p99 / max | {Percentile(visible, 0.5):F1} ms / {Percentile(visible, 0.99):F1} ms / {visible[^1]:F1} ms |
            | licences not VALID on tj within 30 s after the run | {total - visible.Length} |
            | node CPU during the run: bj / tj | {cpu.Bj.TotalSeconds / sending.TotalSeconds:P0} / {cpu.Tj.TotalSeconds / sending.TotalSeconds:P0} of one core |
            | load average before / after (1/5/15 min) | {load} / {Machine.LoadAverage()} |
            """));
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
