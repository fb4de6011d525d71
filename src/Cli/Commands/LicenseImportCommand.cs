using System.Collections.Concurrent;
using System.CommandLine;
using Grpc.Core;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional license import FILE`: issues many licences from CSV or JSON Lines, many calls in
/// flight at once; a bad row is reported with its line number and the others still go in.</summary>
internal static class LicenseImportCommand
{
    private static readonly Argument<FileInfo> File = new("FILE") { Description = "A .csv file (header: license_type,holder_id[,issuing_department],<field>...) or a .jsonl file." };
    private static readonly Option<int> Parallel = new("--parallel") { Description = "Calls in flight at once.", DefaultValueFactory = _ => 32 };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("import", """
            Issue licences from a CSV or JSON Lines file, with a progress bar and a summary. Rows the node
            rejects are listed with their line numbers (exit 1); the others are issued. Re-running a file
            issues nothing twice (each row's request id comes from its file name, line and content).
            Example: regional license import licences.csv
            """) { File, Parallel };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var path = invocation.Value(File).FullName;
        if (!System.IO.File.Exists(path))
        {
            throw new CliException($"FILE: no file {path}");
        }
        var rows = ImportRows.Read(path).ToList();
        var issued = new ConcurrentBag<(int Line, string LicenseId)>();
        var failed = new ConcurrentBag<(int Line, string Error, StatusCode Code)>(rows.Where(r => r.Error is not null).Select(r => (r.Line, r.Error!, StatusCode.InvalidArgument)));
        var owners = new ConcurrentDictionary<string, Task<LicenseType?>>(StringComparer.Ordinal);
        var progress = new ProgressBar(invocation.Console.Error, invocation.Console.ErrorIsTerminal && !invocation.Json, "importing", rows.Count);
        var client = LicenseOptions.Client(invocation);
        await System.Threading.Tasks.Parallel.ForEachAsync(rows.Where(r => r.Request is not null),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, invocation.Value(Parallel)), CancellationToken = invocation.Cancel },
            async (row, cancel) =>
            {
                var request = row.Request!;
                if (request.IssuingDepartment.Length == 0 && await owners.GetOrAdd(request.LicenseType, code => LicenseOptions.TypeAsync(invocation, code)) is { } type)
                {
                    request.IssuingDepartment = type.OwningDepartment;
                }
                try
                {
                    issued.Add((row.Line, (await client.IssueLicenseAsync(request, cancellationToken: cancel)).LicenseId));
                }
                catch (RpcException ex) when (!cancel.IsCancellationRequested)
                {
                    failed.Add((row.Line, string.Join("; ", RpcErrors.Describe(ex, invocation.Target.Name).Select(l => l.Trim())), ex.StatusCode));
                }
                progress.Report(issued.Count, failed.Count);
            });
        progress.Finish();
        var errors = failed.OrderBy(f => f.Line).ToList();
        if (invocation.Json)
        {
            invocation.WriteJson(new
            {
                imported = issued.Count, rejected = errors.Count,
                licenses = issued.OrderBy(i => i.Line).Select(i => new { line = i.Line, licenseId = i.LicenseId }),
                errors = errors.Select(e => new { line = e.Line, error = e.Error }),
            });
        }
        else
        {
            var seconds = Math.Max(0.001, progress.Elapsed.TotalSeconds);
            invocation.Out.WriteLine($"Imported {issued.Count} of {rows.Count} rows from {Path.GetFileName(path)} in {seconds:0.0} s ({issued.Count / seconds:0}/s); {errors.Count} rejected.");
            foreach (var (line, error, _) in errors)
            {
                invocation.Out.WriteLine(invocation.Style.Red($"  line {line}: {error}"));
            }
        }
        return errors.Any(e => e.Code == StatusCode.Unavailable) ? ExitCodes.Unavailable : errors.Count > 0 ? ExitCodes.Negative : ExitCodes.Success;
    }
}
