using System.Globalization;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `load`: three node processes (bj, tj, he) with seeded licences, driven open-loop with the mixed load
/// (<see cref="LoadMix"/>, <see cref="MixedWorkload"/>) at --rate calls/s for --duration seconds. With
/// --find-max, short trials step the rate up (x1.25 from --start-rate) until one has an error, a total p99
/// over --max-p99-ms or fewer answers than arrivals; one trial halfway back refines it, and the full run
/// uses the last good rate. Reports per operation and in total: throughput, p50/p99/p99.9/max, errors by status.
/// </summary>
internal static class MixedLoadBenchmark
{
    public static async Task RunAsync(Arguments arguments)
    {
        var duration = arguments.Seconds("duration", 60);
        var mix = LoadMix.Parse(arguments.Text("mix"));
        var maxInFlight = arguments.Int("max-in-flight", 20_000);
        await using var federation = FederationProcesses.Create(arguments);
        foreach (var region in MixedWorkload.Regions)
        {
            await federation.StartAsync(region);
        }
        var workload = await MixedWorkload.SeedAsync(federation, arguments.Int("seed", 1000), arguments.Int("presented", 50));
        Console.WriteLine($"seeded: {workload.Sizes.Verifiable:N0} licences to verify, {workload.Sizes.Presented} documents to present; mix {mix}");
        Task<OpenLoopResult> Run(double rate, TimeSpan seconds) => OpenLoop.RunAsync(rate, seconds, mix, maxInFlight, workload.CallAsync);

        var rate = (double)arguments.Int("rate", 300);
        if (arguments.Flag("find-max"))
        {
            rate = await FindMaxAsync(arguments, Run);
        }
        var load = Machine.LoadAverage();
        var cpu = MixedWorkload.Regions.Select(r => federation[r].CpuTime).ToArray();
        var result = await Run(rate, duration);
        var used = MixedWorkload.Regions.Select((r, i) => (federation[r].CpuTime - cpu[i]).TotalSeconds / result.Elapsed.TotalSeconds).ToArray();
        var memory = MixedWorkload.Regions.Select(r => Machine.Memory(federation[r].Pid)).ToArray();

        Console.WriteLine();
        Console.WriteLine(Table(result));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            arrivals {result.Rate:F0}/s for {duration.TotalSeconds:F0} s (sent {result.SentRate:F0}/s), answered within {result.Elapsed.TotalSeconds:F1} s
            node CPU bj / tj / he: {used[0]:P0} / {used[1]:P0} / {used[2]:P0} of one core; VmRSS {memory[0].Rss:F0} / {memory[1].Rss:F0} / {memory[2].Rss:F0} MiB
            load average before / after (1/5/15 min): {load} / {Machine.LoadAverage()}
            """));
    }

    private static async Task<double> FindMaxAsync(Arguments arguments, Func<double, TimeSpan, Task<OpenLoopResult>> run)
    {
        var trial = arguments.Seconds("trial-seconds", 10);
        var maxP99 = arguments.Int("max-p99-ms", 1000);
        double? good = null;
        var rate = (double)arguments.Int("start-rate", 50);
        double? bad = null;
        while (bad is null)
        {
            if (await IsSustainedAsync(run, rate, trial, maxP99))
            {
                good = rate;
                rate *= 1.25;
            }
            else
            {
                bad = rate;
            }
        }
        if (good is null)
        {
            throw new BenchmarkException($"--start-rate {rate}/s is not sustained already; start lower");
        }
        var middle = Math.Round((good.Value + bad.Value) / 2);
        if (await IsSustainedAsync(run, middle, trial, maxP99))
        {
            good = middle;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"highest sustained rate: {good:F0}/s"));
        return good.Value;
    }

    private static async Task<bool> IsSustainedAsync(Func<double, TimeSpan, Task<OpenLoopResult>> run, double rate, TimeSpan trial, int maxP99)
    {
        var result = await run(rate, trial);
        var total = result.Total;
        var ok = total.Errors == 0 && total.Percentile(0.99) <= maxP99 && result.Throughput(total) >= 0.95 * rate;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trial {rate:F0}/s: {result.Throughput(total):F0} ok/s, p50 {total.Percentile(0.5):F1} ms, p99 {total.Percentile(0.99):F1} ms, p99.9 {total.Percentile(0.999):F1} ms, errors {total.ErrorSummary()}; load {Machine.LoadAverage()} -> {(ok ? "sustained" : "not sustained")}"));
        await Task.Delay(TimeSpan.FromSeconds(2)); // let queues drain before the next trial
        return ok;
    }

    private static string Table(OpenLoopResult result)
    {
        var lines = new List<string>
        {
            "| Operation | OK calls | OK/s | p50 ms | p99 ms | p99.9 ms | max ms | Errors |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        };
        lines.AddRange(result.ByOperation.Select(o => Row(o.Key.ToString(), o.Value, result)));
        lines.Add(Row("**total**", result.Total, result));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Row(string name, CallStats stats, OpenLoopResult result) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {stats.Successes:N0} | {result.Throughput(stats):N0} | {stats.Percentile(0.5):F1} | {stats.Percentile(0.99):F1} | {stats.Percentile(0.999):F1} | {stats.Percentile(1):F1} | {stats.ErrorSummary()} |");
}
