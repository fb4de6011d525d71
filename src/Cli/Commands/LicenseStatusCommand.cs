using System.CommandLine;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional license revoke|suspend|reinstate ID --reason CODE`: one verb per status.</summary>
internal static class LicenseStatusCommand
{
    public static Command Create(CommandRunner runner, string verb, LicenseStatus status, string example)
    {
        var id = LicenseOptions.Id();
        var reason = new Option<string>("--reason", "-r") { Description = $"Why, as a code: {Names.Choices<StatusReason>()}.", Required = true };
        var department = new Option<string?>("--department", "-d") { Description = "The issuing department. Default: the licence's." };
        var requestId = LicenseOptions.RequestId();
        var command = new Command(verb, $"""
            {char.ToUpperInvariant(verb[0])}{verb[1..]} a licence of the node's own region{(status == LicenseStatus.Revoked ? " (final)" : "")}.
            Example: regional license {verb} BJ-2026-000001 --reason {example}
            """) { id, reason, department, requestId };
        runner.Bind(command, invocation => RunAsync(invocation, status, id, reason, department, requestId));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, LicenseStatus status, Argument<string> id, Option<string> reasonOption, Option<string?> departmentOption,
        Option<string?> requestIdOption)
    {
        if (!Names.TryParse<StatusReason>(invocation.Value(reasonOption), out var reason))
        {
            throw new CliException($"--reason: got '{invocation.Value(reasonOption)}', want one of {Names.Choices<StatusReason>()}");
        }
        var client = LicenseOptions.Client(invocation);
        var licenseId = invocation.Value(id);
        var department = invocation.Value(departmentOption)
            ?? (await client.GetLicenseAsync(new() { LicenseId = licenseId }, cancellationToken: invocation.Cancel)).IssuingDepartment;
        var response = await client.ChangeLicenseStatusAsync(new ChangeLicenseStatusRequest
        {
            LicenseId = licenseId,
            Status = status,
            Reason = reason,
            IssuingDepartment = department,
            RequestId = LicenseOptions.RequestIdOf(invocation, requestIdOption),
        }, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
        }
        else
        {
            invocation.Screen.Say($"{response.LicenseId} is now ", Marks.Status(response.Status), $" ({Names.Of(reason)}): leaf {response.Receipt.LeafIndex}, block {response.Receipt.BlockHeight}");
        }
        return ExitCodes.Success;
    }
}
