using System.CommandLine;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>What the `directory` verbs share: the application argument, the term and list options, the client,
/// and how an application is shown.</summary>
internal static class DirectoryOptions
{
    public static Argument<string> ApplicationId() => new("APPLICATION_ID") { Description = "The application's id, e.g. ap-0123456789abcdef01234567 (also the approval's)." };

    public static Option<string[]> Fields(string description) => new("--fields") { Description = description, HelpName = "a,b" };

    public static Option<string[]> Matters(string description) => new("--matter") { Description = description, HelpName = "CODE", AllowMultipleArgumentsPerToken = true };

    public static Option<string> Reason(string description) => new("--reason") { Description = description, Required = true };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Print only the application id." };

    public static DirectoryService.DirectoryServiceClient Client(Invocation invocation) => new(invocation.Calls);

    /// <summary>Prints one application (or only its id with -q, or protobuf JSON with --json).</summary>
    public static int Write(Invocation invocation, Google.Protobuf.IMessage response, SharingApplication application, EntryReceipt? receipt, bool quiet)
    {
        if (invocation.Json)
        {
            invocation.WriteJson(response);
            return ExitCodes.Success;
        }
        var applied = application.Applied;
        if (quiet)
        {
            invocation.Out.WriteLine(applied.ApplicationId);
            return ExitCodes.Success;
        }
        invocation.Screen.Pairs(
            ("application", applied.ApplicationId),
            ("type", $"{applied.LicenseType} of {applied.OwningDepartment} ({application.Region})"),
            ("applicant", $"{applied.ApplicantDepartment} ({applied.ApplicantRegion})"),
            ("asked", $"{List(applied.Fields)} for {string.Join(", ", applied.MatterCodes)} until {Names.Time(applied.RequestedUntil)}"),
            ("approved", application.Approval is { } a ? $"{List(a.Fields)} for {string.Join(", ", a.MatterCodes)} until {Names.Time(a.Until)}" : "-"),
            ("state", State(application)),
            ("recorded", receipt is { } r ? $"on {application.Region}'s ledger, leaf {r.LeafIndex}, block {r.BlockHeight}" : "-"));
        return ExitCodes.Success;
    }

    /// <summary>Field names, or "all fields" for none.</summary>
    public static string List(IEnumerable<string> fields) => fields.Any() ? string.Join(",", fields) : "all fields";

    public static Mark State(SharingApplication application)
    {
        var name = Names.Of(application.State);
        var reason = application.DecisionReason.Length > 0 ? $" ({application.DecisionReason})" : "";
        return application.State switch
        {
            ApplicationState.Approved => Marks.Green(name),
            ApplicationState.Pending => Marks.Yellow(name),
            _ => Marks.Red(name + reason),
        };
    }
}
