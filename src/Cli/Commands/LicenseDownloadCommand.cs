using System.CommandLine;
using Regional.Cli.Output;

namespace Regional.Cli.Commands;

/// <summary>`regional license download ID -o FILE`: the holder's copy (values, salts) and its proof bundle.</summary>
internal static class LicenseDownloadCommand
{
    private static readonly Argument<string> Id = LicenseOptions.Id();
    private static readonly Option<FileInfo> Out = new("--output", "-o") { Description = "Where to write the DownloadLicenseResponse (protobuf JSON). Contains personal data.", Required = true };
    private static readonly Option<string?> Grant = LicenseOptions.Grant();
    private static readonly Option<string?> Matter = LicenseOptions.Matter();
    private static readonly Option<string[]> Fields = new("--fields") { Description = "Under a grant: only these of the granted fields, comma separated (default: all it covers).", HelpName = "a,b" };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("download", """
            Download a licence document with its proof bundle; another region's licence is fetched from
            its issuer and checked against this node's mirror. Check the file offline with: regional bundle verify FILE
            Under a holder's grant (--grant, --matter) only the granted fields come with values and salts.
            Example: regional license download BJ-2026-000001 -o licence.json
            """) { Id, Out, Grant, Matter, Fields };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var response = await LicenseOptions.Client(invocation).DownloadLicenseAsync(new()
        {
            LicenseId = invocation.Value(Id),
            GrantId = invocation.Value(Grant) ?? "",
            MatterCode = invocation.Value(Matter) ?? "",
            Fields = { ConsentOptions.Names(invocation.Value(Fields)) },
        }, cancellationToken: invocation.Cancel);
        var path = invocation.Value(Out).FullName;
        await File.WriteAllTextAsync(path, JsonOutput.Format(response) + "\n", invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(new { file = path, licenseId = response.Document.LicenseId, fields = response.Document.Fields.Count, fieldNames = response.Document.Fields.Select(f => f.Name).ToArray() });
        }
        else
        {
            invocation.Out.WriteLine($"Wrote {response.Document.LicenseId} ({response.Document.Fields.Count} fields, proof at ledger size {response.Proof.TreeSize}) to {path}");
            invocation.Out.WriteLine($"fields: {string.Join(", ", response.Document.Fields.Select(f => f.Name))}");
        }
        return ExitCodes.Success;
    }
}
