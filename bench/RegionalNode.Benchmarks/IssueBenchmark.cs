using System.Globalization;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `issue`: IssueLicense throughput and latency on a fresh node. Every counted call was answered
/// with a receipt, i.e. its block is sealed and durable. The block size is the tree growth over
/// the block-height growth during the measured window. Then the node is stopped and the same work
/// is done by raw SQLite (<see cref="SqliteFloor"/>) for the ratio.
/// </summary>
internal static class IssueBenchmark
{
    public static async Task RunAsync(Arguments arguments)
    {
        var concurrency = arguments.Int("concurrency", 64);
        var duration = arguments.Seconds("seconds", 20);
        await using var node = await NodeProcess.StartAsync(arguments);
        var licences = new LicenseService.LicenseServiceClient(node.Channel);
        var ledger = new LedgerService.LedgerServiceClient(node.Channel);
        var sample = new IdSample(1024);

        await LoadRunner.RunAsync(node, "warm-up", concurrency, TimeSpan.FromSeconds(3), long.MaxValue, r => Licences.IssueAsync(licences, sample, r));
        var before = (await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        var result = (await LoadRunner.RunAsync(node, "IssueLicense", concurrency, duration, long.MaxValue,
            r => Licences.IssueAsync(licences, sample, r))).RequireNoErrors();
        var after = (await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        var (rss, peak) = Machine.Memory(node.Pid);
        var load = Machine.LoadAverage();
        await node.KillAsync();

        var blocks = after.Height - before.Height;
        var perBlock = blocks == 0 ? 0 : (double)(after.TreeSize - before.TreeSize) / blocks;
        var (entry, document) = StorageFloor.MeasureRowSizes(node);
        var batch = Math.Max(1, (int)Math.Round(perBlock));
        var rowBytes = (int)Math.Round(entry + document);
        var (floorRate, floorRows) = StorageFloor.Run(arguments, batch, rowBytes, duration);

        Console.WriteLine(LoadResult.Header);
        Console.WriteLine(result.Row());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            | Figure | Value |
            |---|---:|
            | licences/s acknowledged (sealed and durable) | {result.Rate:N0} |
            | blocks sealed in the window | {blocks:N0} ({blocks / result.Elapsed.TotalSeconds:F1}/s) |
            | entries per block (tree growth / height growth) | {perBlock:F1} |
            | stored LicenseIssued entry / encrypted document | {entry:F0} B / {document:F0} B |
            | floor: {StorageFloor.Describe(arguments, batch, rowBytes)} | {floorRate:N0} rows/s ({floorRows:N0} rows) |
            | ratio node / floor | {result.Rate / floorRate:P1} |
            | node RSS / peak RSS after the run | {rss:F0} MiB / {peak:F0} MiB |
            | load average during the run (1/5/15 min) | {load} |
            """));
    }
}
