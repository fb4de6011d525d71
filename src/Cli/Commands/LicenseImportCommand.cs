using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using Regional.Cli.Import;
using Regional.Cli.Output;

namespace Regional.Cli.Commands;

/// <summary>`regional license import FILE`: issues many licences from CSV or JSON Lines over one ImportLicenses
/// call (<see cref="ImportCall"/>); a bad row is reported with its line number and the others still go in.</summary>
internal static class LicenseImportCommand
{
    private static readonly Argument<FileInfo> File = new("FILE") { Description = "A .csv file (header: license_type,holder_id[,issuing_department],<field>...) or a .jsonl file." };

    /// <summary>Kept from when rows were separate calls; now the rows in flight of the one call.</summary>
    private static readonly Option<int> Parallel = new("--parallel")
    {
        Description = "Rows in flight at once: sent and not yet answered (the node keeps at most 2000 of an import in flight). Lower it to go easier on a busy node.",
        DefaultValueFactory = _ => 2000,
    };

    private static readonly Option<string?> Encoding = new Option<string?>("--encoding")
    {
        Description = "The file's encoding: utf-8 (with or without BOM) or gb18030 (Excel on a Chinese Windows). Default: utf-8 when the bytes are valid UTF-8, else gb18030.",
    }.AcceptOnlyFromAmong(ImportEncoding.Utf8, ImportEncoding.Gb18030);

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("import", """
            Issue licences from a CSV or JSON Lines file, with a progress bar and a summary. The rows go to
            the node over one call, each issued once its block is durable. Rows the node rejects are listed
            with their line numbers (exit 1); the others are issued. Re-running an import issues nothing twice,
            even renamed or reordered: each row's request id comes from its department and its own values
            (or its request_id column). CSV per RFC 4180 (quoted cells may span lines), UTF-8 or GB18030.
            Example: regional license import licences.csv --encoding gb18030
            """) { File, Parallel, Encoding };
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
        var rows = ImportRows.Read(path, invocation.Value(Encoding));
        var clock = Stopwatch.StartNew();
        var unreadable = rows.Where(r => r.Error is not null).Select(r => (r.Line, Error: r.Error!, Code: StatusCode.InvalidArgument)).ToList();
        var sent = rows.Where(r => r.Request is not null).ToList();
        var (issued, failed) = sent.Count == 0 ? new ImportOutcome([], [])
            : await ImportProgress.RunAsync(invocation.Console, !invocation.Json, rows.Count, report =>
                ImportCall.RunAsync(invocation, sent, Math.Max(1, invocation.Value(Parallel)), (done, refused) => report(done, refused + unreadable.Count)));
        var errors = unreadable.Concat(failed).OrderBy(f => f.Line).ToList();
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
            var seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
            invocation.Out.WriteLine($"Imported {issued.Count} of {rows.Count} rows from {Path.GetFileName(path)} in {seconds:0.0} s ({issued.Count / seconds:0}/s); {errors.Count} rejected.");
            foreach (var (line, error, _) in errors)
            {
                invocation.Screen.Say(Marks.Red($"  line {line}: {error}"));
            }
        }
        return errors.Any(e => e.Code == StatusCode.Unavailable) ? ExitCodes.Unavailable : errors.Count > 0 ? ExitCodes.Negative : ExitCodes.Success;
    }
}
