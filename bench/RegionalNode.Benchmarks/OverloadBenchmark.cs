using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `overload`: one node process (bj, alone) driven far beyond its capacity by closed-loop floods, each
/// caller calling again at once whatever the answer: VerifyLicense by id with --verify-callers, then
/// IssueLicense with --issue-callers (more than the ledger's queue of 20,000). Measures the share of calls
/// refused with RESOURCE_EXHAUSTED or UNAVAILABLE, how fast refusals come, how fast served calls come, and the
/// node's VmRSS every 500 ms: its largest value and its value at the end of each flood. Beside the flood,
/// a probe on its own connection calls Health/Check (the empty call) every 100 ms: what any answer costs
/// meanwhile, on this machine, in the node and the tool together. Calls still unanswered 30 s after a
/// flood ends are cancelled and counted as such.
/// </summary>
internal static class OverloadBenchmark
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(Arguments arguments)
    {
        var duration = arguments.Seconds("seconds", 20);
        await using var node = await NodeProcess.StartAsync(arguments);
        await using var rss = new RssSampler(node.Pid);
        var licences = new LicenseService.LicenseServiceClient(node.Channel);
        using var probeChannel = NodeLaunch.PinnedChannel(node.Port, Path.Combine(node.DataDirectory, "tls", "node.crt"));
        var sample = new IdSample(5000);
        rss.Phase = "fill";
        (await LoadRunner.RunAsync(node, "fill", 256, TimeSpan.FromMinutes(2), arguments.Int("prefill", 2000),
            r => Licences.IssueAsync(licences, sample, r))).RequireNoErrors();
        rss.Phase = "idle";
        await Task.Delay(TimeSpan.FromSeconds(2));
        var baseline = Machine.Memory(node.Pid).Rss;

        var floods = new (string Phase, int Callers, Func<CancellationToken, Task> Call)[]
        {
            ("verify-flood", arguments.Int("verify-callers", 2000),
                c => licences.VerifyLicenseAsync(new VerifyLicenseRequest { LicenseId = sample.Pick(Random.Shared) }, cancellationToken: c).ResponseAsync),
            ("issue-flood", arguments.Int("issue-callers", 25_000),
                c => licences.IssueLicenseAsync(Licences.BusinessLicence(), cancellationToken: c).ResponseAsync),
        };
        var rows = new List<string>();
        foreach (var (phase, callers, call) in floods)
        {
            rss.Phase = phase;
            var load = Machine.LoadAverage();
            using var stopProbe = new CancellationTokenSource();
            var probing = ProbeAsync(probeChannel.CreateCallInvoker(), stopProbe.Token);
            var (served, refused, other, elapsed) = await FloodAsync(callers, duration, call);
            await stopProbe.CancelAsync();
            var probe = await probing;
            rss.Phase = "idle";
            var all = served.Successes + refused.Successes + other.Errors;
            var (max, last) = rss.Of(phase);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {phase} | {callers:N0} | {served.Successes:N0} ({served.Successes / elapsed.TotalSeconds:N0}/s) | {served.Percentile(0.5):F1} / {served.Percentile(0.99):F1} | "
                + $"{refused.Successes:N0} ({100.0 * refused.Successes / Math.Max(all, 1):F1} %) {refused.ErrorSummary()} | {refused.Percentile(0.5):F1} / {refused.Percentile(0.99):F1} / {refused.Percentile(1):F1} | "
                + $"{probe.Percentile(0.5):F1} / {probe.Percentile(0.99):F1} | {other.ErrorSummary()} | {max:F0} / {last:F0} | {load} |"));
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        var after = Machine.Memory(node.Pid);

        Console.WriteLine();
        Console.WriteLine("| Flood | Callers | Served (rate) | Served p50 / p99 ms | Refused (share) by status | Refused p50 / p99 / max ms | Empty call p50 / p99 ms | Other errors | VmRSS max / at end MiB | Load before |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---|---:|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nVmRSS before the floods {baseline:F0} MiB, 5 s after the last {after.Rss:F0} MiB, peak (VmHWM) {after.Peak:F0} MiB; load {Machine.LoadAverage()}"));
        Console.WriteLine("VmRSS every 2 s:");
        foreach (var line in rss.Series())
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>Health/Check every 100 ms until stopped; latencies of the answers (failures are left out).</summary>
    private static async Task<CallStats> ProbeAsync(CallInvoker invoker, CancellationToken stop)
    {
        var stats = new CallStats();
        while (!stop.IsCancellationRequested)
        {
            var begin = Stopwatch.GetTimestamp();
            try
            {
                await RawHealth.IsServingAsync(invoker);
                stats.Success(Stopwatch.GetTimestamp() - begin);
            }
            catch (RpcException ex)
            {
                stats.Failure(ex.StatusCode.ToString());
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
        return stats;
    }

    /// <summary>Callers that call again at once until the time is up. Served and refused latencies are
    /// kept apart; refused calls are also counted by status; anything else is an other error.</summary>
    private static async Task<(CallStats Served, CallStats Refused, CallStats Other, TimeSpan Elapsed)> FloodAsync(
        int callers, TimeSpan duration, Func<CancellationToken, Task> call)
    {
        var (served, refused, other) = (new CallStats(), new CallStats(), new CallStats());
        using var giveUp = new CancellationTokenSource(duration + Grace);
        var clock = Stopwatch.StartNew();

        async Task Caller()
        {
            while (clock.Elapsed < duration)
            {
                var begin = Stopwatch.GetTimestamp();
                try
                {
                    await call(giveUp.Token);
                    served.Success(Stopwatch.GetTimestamp() - begin);
                }
                catch (RpcException ex) when (ex.StatusCode is StatusCode.ResourceExhausted or StatusCode.Unavailable)
                {
                    refused.Success(Stopwatch.GetTimestamp() - begin);
                    refused.Failure(ex.StatusCode.ToString());
                }
                catch (RpcException ex)
                {
                    other.Failure(giveUp.IsCancellationRequested ? "still waiting 30 s after the end" : ex.StatusCode.ToString());
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(Caller)));
        return (served, refused, other, clock.Elapsed);
    }
}
