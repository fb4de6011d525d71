using System.Diagnostics;
using System.Globalization;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `catchup`: bj (a node process of a three-region federation) issues --count licences while tj is down;
/// then tj starts with an empty database and follows bj's log: the time until tj's mirror holds bj's
/// whole tree gives entries per second, every block checked (signature, root, entry rules) and stored
/// with its tree nodes and licence projection. The floor is raw SQLite inserting the same number of rows
/// of the same size in transactions of bj's block size.
/// </summary>
internal static class CatchUpBenchmark
{
    public static async Task RunAsync(Arguments arguments)
    {
        var count = arguments.Int("count", 1_000_000);
        var concurrency = arguments.Int("concurrency", 1024);
        var budget = TimeSpan.FromMinutes(arguments.Int("max-minutes", 15));
        await using var federation = FederationProcesses.Create(arguments);
        var bj = await federation.StartAsync("bj");
        var licences = new LicenseService.LicenseServiceClient(bj.Channel);
        var sample = new IdSample(16);
        var issued = (await LoadRunner.RunAsync(bj, "IssueLicense in bj (tj down)", concurrency, budget, count,
            r => Licences.IssueAsync(licences, sample, r), (done, elapsed) => Console.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"#   {elapsed.TotalMinutes:F1} min: {done:N0} issued, load {Machine.LoadAverage()}")))).RequireNoErrors();
        var own = (await new LedgerService.LedgerServiceClient(bj.Channel).GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        var loadBefore = Machine.LoadAverage();

        var clock = Stopwatch.StartNew();
        var tj = await federation.StartAsync("tj");
        var started = clock.Elapsed;
        var tjLedger = new LedgerService.LedgerServiceClient(tj.Channel);
        var cpuBefore = tj.CpuTime;
        LogStatus mirror;
        while (true)
        {
            mirror = (await tjLedger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).Mirrors.Single(m => m.Region == "bj");
            if (mirror.TreeSize >= own.TreeSize || mirror.State is "rejected" or "halted")
            {
                break;
            }
            await Task.Delay(100);
        }
        var elapsed = clock.Elapsed;
        var cpu = tj.CpuTime - cpuBefore;
        if (mirror.TreeSize != own.TreeSize || !mirror.Checkpoint.RootHash.Equals(own.Checkpoint.RootHash))
        {
            throw new BenchmarkException($"tj's mirror stopped at size {mirror.TreeSize} ({mirror.State}), bj's log has {own.TreeSize}");
        }
        var (rss, peak) = Machine.Memory(tj.Pid);
        var loadAfter = Machine.LoadAverage();
        await bj.KillAsync();
        await tj.KillAsync();

        var (entryBytes, _) = StorageFloor.MeasureRowSizes(bj);
        var perBlock = (double)own.TreeSize / (own.Height + 1);
        var batch = Math.Max(1, (int)Math.Round(perBlock));
        var rowBytes = (int)Math.Round(entryBytes);
        var (floorRate, floorRows) = StorageFloor.Run(arguments, batch, rowBytes, TimeSpan.FromSeconds(arguments.Int("floor-seconds", 20)));
        var rate = own.TreeSize / (elapsed - started).TotalSeconds;

        Console.WriteLine(LoadResult.Header);
        Console.WriteLine(issued.Row());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            | Figure | Value |
            |---|---:|
            | bj's log: entries / blocks / entries per block | {own.TreeSize:N0} / {own.Height + 1:N0} / {perBlock:F0} |
            | tj process start until serving | {started.TotalSeconds:F1} s |
            | tj catch-up, serving until mirror = bj's root | {(elapsed - started).TotalSeconds:F1} s |
            | catch-up rate | {rate:N0} entries/s |
            | tj CPU per entry during catch-up | {cpu.TotalMicroseconds / own.TreeSize:F0} us |
            | floor: {StorageFloor.Describe(arguments, batch, rowBytes)} | {floorRate:N0} rows/s ({floorRows:N0} rows) |
            | ratio catch-up / floor | {rate / floorRate:P1} |
            | tj VmRSS / VmHWM at the end | {rss:F0} MiB / {peak:F0} MiB |
            | load average before / after catch-up (1/5/15 min) | {loadBefore} / {loadAfter} |
            """));
    }
}
