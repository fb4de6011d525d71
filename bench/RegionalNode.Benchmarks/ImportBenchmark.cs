using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Regional.V1;

namespace Regional.Node.Benchmarks;

/// <summary>
/// `import --count N`: N business licences streamed over one ImportLicenses call to a fresh node, started as
/// `issue` starts it; the rows are made before the clock starts and every one must come back issued, i.e. its
/// block sealed and durable. Then the node is stopped and raw SQLite inserts the same number of rows of the
/// size the node stored (entry plus encrypted document) in transactions of the node's block size
/// (<see cref="SqliteFloor"/>), in the same run: the ratio import / floor is issue 15's figure (target 0.3).
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(Arguments arguments)
    {
        var count = arguments.Int("count", 100_000);
        await using var node = await NodeProcess.StartAsync(arguments);
        var licences = new LicenseService.LicenseServiceClient(node.Channel);
        var ledger = new LedgerService.LedgerServiceClient(node.Channel);

        await ImportAsync(licences, Rows("warm-up", Math.Min(count, 2_000)));
        var rows = Rows("measured", count);
        var before = (await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        var (loadBefore, cpuBefore) = (Machine.LoadAverage(), node.CpuTime);
        var clock = Stopwatch.StartNew();
        await ImportAsync(licences, rows);
        var elapsed = clock.Elapsed;
        var cpu = node.CpuTime - cpuBefore;
        var after = (await ledger.GetLedgerStatusAsync(new GetLedgerStatusRequest())).OwnLog;
        var (rss, peak) = Machine.Memory(node.Pid);
        var loadAfter = Machine.LoadAverage();
        await node.KillAsync();

        var blocks = after.Height - before.Height;
        var perBlock = blocks == 0 ? 0 : (double)(after.TreeSize - before.TreeSize) / blocks;
        var (entry, document) = SqliteFloor.MeasureRowSizes(node.DatabasePath);
        var batch = Math.Max(1, (int)Math.Round(perBlock));
        var rowBytes = (int)Math.Round(entry + document);
        var (floorRate, floorRows) = SqliteFloor.Run(batch, rowBytes, (long)count);
        var rate = count / elapsed.TotalSeconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            | Figure | Value |
            |---|---:|
            | rows imported over one call (each sealed and durable) | {count:N0} in {elapsed.TotalSeconds:F1} s |
            | rows/s | {rate:N0} |
            | node CPU per row | {cpu.TotalMicroseconds / count:F0} us |
            | blocks sealed / entries per block (tree growth / height growth) | {blocks:N0} / {perBlock:F1} |
            | stored LicenseIssued entry / encrypted document | {entry:F0} B / {document:F0} B |
            | floor: {SqliteFloor.Describe(batch, rowBytes)} | {floorRate:N0} rows/s ({floorRows:N0} rows) |
            | ratio import / floor (target 0.3) | {rate / floorRate:F2} |
            | node RSS / peak RSS after the run | {rss:F0} MiB / {peak:F0} MiB |
            | load average before / after the import (1/5/15 min) | {loadBefore} / {loadAfter} |
            """));
    }

    /// <summary>The rows of one import, each with its own request id (as `regional license import` makes them).</summary>
    private static List<ImportLicensesRequest> Rows(string tag, int count) =>
    [
        .. Enumerable.Range(1, count).Select(i =>
        {
            var licence = Licences.BusinessLicence();
            licence.RequestId = string.Create(CultureInfo.InvariantCulture, $"bench-{tag}-{i}");
            return new ImportLicensesRequest { Row = (ulong)i, License = licence };
        }),
    ];

    /// <summary>Sends the rows while reading their results; every row must be issued.</summary>
    /// <exception cref="BenchmarkException">A row was refused or left unanswered.</exception>
    private static async Task ImportAsync(LicenseService.LicenseServiceClient licences, List<ImportLicensesRequest> rows)
    {
        using var call = licences.ImportLicenses();
        var sending = SendAsync(call.RequestStream, rows);
        var issued = 0;
        await foreach (var result in call.ResponseStream.ReadAllAsync())
        {
            if (result.ResultCase != ImportLicensesResponse.ResultOneofCase.Issued)
            {
                throw new BenchmarkException($"row {result.Row} was refused: {result.Error}");
            }
            issued++;
        }
        await sending;
        if (issued != rows.Count)
        {
            throw new BenchmarkException($"{issued} of {rows.Count} rows were answered");
        }
    }

    private static async Task SendAsync(IClientStreamWriter<ImportLicensesRequest> requests, List<ImportLicensesRequest> rows)
    {
        foreach (var row in rows)
        {
            await requests.WriteAsync(row);
        }
        await requests.CompleteAsync();
    }
}
