using System.CommandLine;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional directory approve APPLICATION_ID [--fields a] [--matter CODE] [--until 30d]`: the owning
/// department approves an application, as asked or narrower.</summary>
internal static class DirectoryApproveCommand
{
    private static readonly Argument<string> Id = DirectoryOptions.ApplicationId();
    private static readonly Option<string[]> Fields = DirectoryOptions.Fields("Approve only these of the fields asked for (default: as asked).");
    private static readonly Option<string[]> Matters = DirectoryOptions.Matters("Approve only these of the matters asked for; repeat for more (default: as asked).");
    private static readonly Option<string?> Until = new("--until") { Description = "End the approval earlier than asked: a date, an ISO 8601 time or a span (30d) (default: as asked)." };
    private static readonly Option<string?> RequestId = LicenseOptions.RequestId();
    private static readonly Option<bool> Quiet = DirectoryOptions.Quiet();

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("approve", """
            Approve a pending application, as an issuer of the department that owns the type, at the owning region's
            node (--as that issuer). An approval may be narrower than the application (fields, matters, term), never wider.
            Example: regional directory approve ap-0123456789abcdef01234567 --as bj-natural-resources-issuer --fields location --until 30d
            """) { Id, Fields, Matters, Until, RequestId, Quiet };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var request = new ApproveApplicationRequest
        {
            ApplicationId = invocation.Value(Id),
            Fields = { ConsentOptions.Names(invocation.Value(Fields)) },
            MatterCodes = { ConsentOptions.Names(invocation.Value(Matters)) },
            Until = invocation.Value(Until) is { } until ? ConsentOptions.Expiry(until, DateTimeOffset.UtcNow) : null,
        };
        request.RequestId = LicenseOptions.RequestIdOf(invocation, RequestId);
        var response = await DirectoryOptions.Client(invocation).ApproveApplicationAsync(request, cancellationToken: invocation.Cancel);
        return DirectoryOptions.Write(invocation, response, response.Application, response.Receipt, invocation.Value(Quiet));
    }
}
