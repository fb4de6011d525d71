using System.CommandLine;
using Grpc.Core;
using Regional.Cli.Cluster;
using Regional.Cli.Connection;
using Regional.Cli.Output;
using Regional.LicenseVerifier.Ledger;
using Regional.LicenseVerifier.StatusMap;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional ledger audit`: fetches every log the node holds (its own and each mirror) from
/// genesis and re-checks each block with BlockValidator against the trust file's keys.</summary>
internal static class LedgerAuditCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("audit", """
            Re-check every log the node holds, block by block from genesis: chaining, leaf ranges, signed
            checkpoints, recomputed roots and entry rules. Exit 1 if any block fails.
            Example: regional ledger audit --node tj
            """);
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        // Reading blocks needs the auditor (or issuer, node) role: a region's default clerk may not.
        invocation.DefaultClient = _ => "auditor";
        var trust = TrustLookup.Load(new ClusterLayout(invocation.ClusterDirectory).TrustFile);
        var client = new LedgerService.LedgerServiceClient(invocation.Calls);
        var own = (await client.GetLedgerStatusAsync(new(), cancellationToken: invocation.Cancel)).Region;
        var reports = new List<AuditReport>();
        foreach (var log in trust.Policy.Logs)
        {
            var report = await AuditAsync(client, trust.Suite, log, log.Region == own ? "" : log.Origin, invocation.Cancel);
            reports.Add(report);
            invocation.Hint($"{log.Region}: {(report.Failure is null ? "ok" : "FAILED")}, {report.Blocks} blocks, {report.Entries} entries");
        }
        if (invocation.Json)
        {
            invocation.WriteJson(reports);
        }
        else
        {
            var table = Marks.Table("log", "blocks", "entries", "tree size", "result");
            foreach (var r in reports)
            {
                table.Row(r.Region, r.Blocks.ToString(), r.Entries.ToString(), r.TreeSize.ToString(),
                    r.Failure is null ? Marks.Green("ok") : Marks.Red(r.Failure));
            }
            invocation.Screen.Write(table);
        }
        return reports.All(r => r.Failure is null) ? ExitCodes.Success : ExitCodes.Negative;
    }

    private static async Task<AuditReport> AuditAsync(LedgerService.LedgerServiceClient client, LicenseVerifier.Crypto.Suite suite,
        LicenseVerifier.Bundles.TrustedLog log, string origin, CancellationToken cancel)
    {
        var position = MirrorPosition.Genesis(suite);
        var history = new MemoryLicenseHistory();
        var statusMap = new MemoryStatusMap();
        long blocks = 0, entries = 0;
        using var call = client.GetBlocks(new GetBlocksRequest { Origin = origin }, cancellationToken: cancel);
        await foreach (var block in call.ResponseStream.ReadAllAsync(cancel))
        {
            var check = BlockValidator.Validate(suite, log, position, block, history, statusMap);
            if (!check.IsValid)
            {
                return new AuditReport(log.Region, blocks, entries, position.Range.Size, $"block {blocks}: {check.Failure}: {check.Detail}");
            }
            history.Apply(check.Entries);
            statusMap.Store(check.StatusMapNodes);
            position = check.Next!;
            blocks++;
            entries += check.Entries.Count;
        }
        return new AuditReport(log.Region, blocks, entries, position.Range.Size, null);
    }

    private sealed record AuditReport(string Region, long Blocks, long Entries, ulong TreeSize, string? Failure);
}
