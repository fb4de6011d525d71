using System.CommandLine;
using Regional.Cli.Output;

namespace Regional.Cli.Commands;

/// <summary>`regional license show ID`: a licence's metadata and status (no personal data).</summary>
internal static class LicenseShowCommand
{
    private static readonly Argument<string> Id = LicenseOptions.Id();

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("show", """
            Show a licence's type, department, status, validity, version and field names (no personal data).
            Example: regional license show BJ-2026-000001
            """) { Id };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var response = await LicenseOptions.Client(invocation).GetLicenseAsync(new() { LicenseId = invocation.Value(Id) }, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
            return ExitCodes.Success;
        }
        var type = await LicenseOptions.TypeAsync(invocation, response.LicenseType);
        invocation.Screen.Pairs(
            ("licence", response.LicenseId),
            ("type", Names.Type(response.LicenseType, type)),
            ("issued by", $"{response.IssuingDepartment} ({response.IssuingRegion})"),
            ("status", Marks.Status(response.Status)),
            ("valid", Names.Validity(response.Validity)),
            ("version", response.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("fields", string.Join(", ", response.FieldDigests.Select(d => d.Name))),
            ("history", $"{response.History.Count} entries (regional license history {response.LicenseId})"));
        return ExitCodes.Success;
    }
}
