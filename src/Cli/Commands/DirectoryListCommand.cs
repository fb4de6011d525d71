using System.CommandLine;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional directory list [--type T] [--department D] [--state S]`: the sharing applications of every
/// ledger the node holds, with their state.</summary>
internal static class DirectoryListCommand
{
    private static readonly Option<string?> Type = new("--type") { Description = "Only applications for this licence type." };
    private static readonly Option<string?> Department = new("--department") { Description = "Only applications of this department, e.g. tj-power." };
    private static readonly Option<string?> State = new("--state") { Description = $"Only applications in this state: {Names.Choices<ApplicationState>()}." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("list", """
            List sharing applications and what became of them (PENDING, APPROVED, REFUSED, REVOKED, EXPIRED by the node's
            clock), from every ledger the node holds: its own region's and its mirrors of the others'.
            Example: regional directory list --node bj --type real-estate-certificate --state approved
            """) { Type, Department, State };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var state = ApplicationState.Unspecified;
        if (invocation.Value(State) is { } text && !Names.TryParse(text, out state))
        {
            throw new CliException($"--state: got '{text}', want one of {Names.Choices<ApplicationState>()}");
        }
        var request = new ListApplicationsRequest { LicenseType = invocation.Value(Type) ?? "", Department = invocation.Value(Department) ?? "", State = state };
        var response = await DirectoryOptions.Client(invocation).ListApplicationsAsync(request, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
            return ExitCodes.Success;
        }
        var table = Marks.Table("application", "type", "applicant", "fields", "matters", "until", "state");
        foreach (var application in response.Applications)
        {
            var (applied, approval) = (application.Applied, application.Approval);
            table.Row(applied.ApplicationId, $"{applied.LicenseType} ({application.Region})", applied.ApplicantDepartment,
                DirectoryOptions.List(approval?.Fields ?? applied.Fields), string.Join(",", approval?.MatterCodes ?? applied.MatterCodes),
                Names.Time(approval?.Until ?? applied.RequestedUntil), DirectoryOptions.State(application));
        }
        invocation.Screen.Write(table);
        return ExitCodes.Success;
    }
}
