using System.CommandLine;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional directory apply TYPE --region R --matter CODE --reason TEXT --until 90d`: a department applies
/// to the owning department for a conditionally shared licence type.</summary>
internal static class DirectoryApplyCommand
{
    private static readonly Argument<string> Type = new("TYPE") { Description = "The licence type's code, e.g. real-estate-certificate." };
    private static readonly Option<string?> Region = new("--region") { Description = "The region whose directory has the type, e.g. bj (default: the node's own, else the one that has it)." };
    private static readonly Option<string[]> Fields = DirectoryOptions.Fields("The fields wanted, comma separated (none: every field).");
    private static readonly Option<string[]> Matters = DirectoryOptions.Matters("A matter (事项) code the fields are wanted for; repeat for more.");
    private static readonly Option<string> Reason = DirectoryOptions.Reason("Why, in a few words (recorded on the owner's ledger: no personal data).");
    private static readonly Option<string> Until = new("--until") { Description = "The end of the term asked for: a date, an ISO 8601 time, or a span (90d); at most 3 years.", Required = true };
    private static readonly Option<string?> RequestId = LicenseOptions.RequestId();
    private static readonly Option<bool> Quiet = DirectoryOptions.Quiet();

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("apply", """
            Apply, for your department (the one your client certificate names, --as), to share a licence type that
            another department owns and shares conditionally. Your region's node relays the application to the owning
            region, which records it on its ledger; the owner's issuer approves (perhaps narrower) or refuses.
            Example: regional directory apply real-estate-certificate --region bj --node tj --as tj-power-clerk --fields location --matter household-registration --reason 户籍核验 --until 90d
            """) { Type, Region, Fields, Matters, Reason, Until, RequestId, Quiet };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var request = new ApplyForSharingRequest
        {
            LicenseType = invocation.Value(Type),
            Region = invocation.Value(Region) ?? "",
            Fields = { ConsentOptions.Names(invocation.Value(Fields)) },
            MatterCodes = { ConsentOptions.Names(invocation.Value(Matters)) },
            Reason = invocation.Value(Reason),
            RequestedUntil = ConsentOptions.Expiry(invocation.Value(Until), DateTimeOffset.UtcNow),
        };
        request.RequestId = LicenseOptions.RequestIdOf(invocation, RequestId);
        var response = await DirectoryOptions.Client(invocation).ApplyForSharingAsync(request, cancellationToken: invocation.Cancel);
        var result = DirectoryOptions.Write(invocation, response, response.Application, response.Receipt, invocation.Value(Quiet));
        invocation.Hint($"The owner decides with: regional directory approve {response.Application.Applied.ApplicationId} --node {response.Application.Region} (or refuse)");
        return result;
    }
}
