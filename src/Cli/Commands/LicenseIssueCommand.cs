using System.CommandLine;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional license issue`: issues one licence in the node's region.</summary>
internal static class LicenseIssueCommand
{
    private static readonly Option<string?> Type = new("--type", "-t") { Description = "The licence type's code, e.g. business-licence (see: regional catalog list)." };
    private static readonly Option<string?> Department = new("--department", "-d") { Description = "The issuing department. Default: the type's owning department." };
    private static readonly Option<string?> Holder = new("--holder") { Description = "The holder's id number or unified social credit code (kept encrypted, never on the ledger)." };
    private static readonly Option<string[]> Field = LicenseOptions.Fields("A field of the licence, name=value (repeat the option).");
    private static readonly Option<FileInfo?> File = new("--file") { Description = "An IssueLicenseRequest as protobuf JSON; flags given as well override it." };
    private static readonly Option<DateOnly?> ValidUntil = new("--valid-until") { Description = "Last day the licence is in force (YYYY-MM-DD). Default: no expiry." };
    private static readonly Option<string?> RequestId = LicenseOptions.RequestId();
    private static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Print only the new licence id." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("issue", """
            Issue a licence in the node's own region; returns when its block is durable. Lost answers and a busy
            node are retried with the same request id, so the licence is issued once; to re-run safely after a
            timeout, give --request-id (see it with --verbose).
            Example: regional license issue --type business-licence --holder 91110000MA00000001 --field company_name=示例科技有限公司 --field credit_code=91110000MA00000001 ...
            """) { Type, Department, Holder, Field, File, ValidUntil, RequestId, Quiet };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var request = invocation.Value(File) is { } file
            ? JsonParser.Default.Parse<IssueLicenseRequest>(await System.IO.File.ReadAllTextAsync(file.FullName, invocation.Cancel))
            : new IssueLicenseRequest();
        request.LicenseType = invocation.Value(Type) ?? request.LicenseType;
        request.HolderId = invocation.Value(Holder) ?? request.HolderId;
        request.IssuingDepartment = invocation.Value(Department) ?? request.IssuingDepartment;
        foreach (var (name, value) in LicenseOptions.Pairs(invocation.Value(Field)))
        {
            request.Fields.Add(new LicenseField { Name = name, Value = value });
        }
        if (invocation.Value(ValidUntil) is { } until)
        {
            request.Validity = new Validity { NotAfter = Timestamp.FromDateTimeOffset(new DateTimeOffset(until.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(8))) };
        }
        if (request.LicenseType.Length == 0)
        {
            throw new CliException("--type: missing; want a licence type code such as business-licence (see: regional catalog list)");
        }
        var type = await LicenseOptions.TypeAsync(invocation, request.LicenseType);
        if (request.IssuingDepartment.Length == 0)
        {
            request.IssuingDepartment = type?.OwningDepartment
                ?? throw new CliException($"--type: no licence type '{request.LicenseType}' in {invocation.Target.Name}'s directory; want a code such as business-licence (see: regional catalog list --node {invocation.Target.Name})");
        }
        request.RequestId = LicenseOptions.RequestIdOf(invocation, RequestId, request.RequestId);
        var response = await LicenseOptions.Client(invocation).IssueLicenseAsync(request, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
        }
        else if (invocation.Value(Quiet))
        {
            invocation.Out.WriteLine(response.LicenseId);
        }
        else
        {
            invocation.Screen.Say("Issued ", Marks.Bold(response.LicenseId), $": {Names.Type(request.LicenseType, type)}");
            invocation.Out.WriteLine($"  by {request.IssuingDepartment} in {invocation.Target.Name}: leaf {response.Receipt.LeafIndex}, block {response.Receipt.BlockHeight}");
        }
        return ExitCodes.Success;
    }
}
