using System.CommandLine;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional audit ID`: who saw a licence's content, when, for which matter, from where.</summary>
internal static class AuditCommand
{
    private static readonly Argument<string> Id = LicenseOptions.Id();

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("audit", """
            List the recorded accesses to a licence (queries, downloads, fact checks) from its ledger history,
            as an auditor (the default --as) or the holders' app (--as bj-holder-app). Works from any region.
            Example: regional audit BJ-2026-000001 --node tj
            """) { Id };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        invocation.DefaultClient = _ => "auditor";
        var response = await LicenseOptions.Client(invocation).GetLicenseAsync(new() { LicenseId = invocation.Value(Id) }, cancellationToken: invocation.Cancel);
        var accesses = response.History
            .Where(item => item.Entry.Length > 0)
            .Select(item => LedgerEntry.Parser.ParseFrom(item.Entry))
            .Where(entry => entry.KindCase == LedgerEntry.KindOneofCase.AccessRecorded)
            .Select(entry => entry.AccessRecorded)
            .ToList();
        if (invocation.Json)
        {
            invocation.Out.WriteLine($"[{string.Join(",\n", accesses.Select(JsonOutput.Format))}]");
            return ExitCodes.Success;
        }
        var table = new Table("when", "kind", "relying party", "clerk", "matter", "place", "from", "grant", "fields seen");
        foreach (var access in accesses)
        {
            table.Add(Names.Time(access.AccessedAt), Kind(access.Kind), access.RelyingDepartment, Clerk(access.Clerk), Dash(access.MatterCode),
                Dash(access.Place), Dash(access.RequestingRegion), Dash(access.GrantId), access.FieldsSeen.Count == 0 ? "-" : string.Join(",", access.FieldsSeen));
        }
        table.WriteTo(invocation.Out, invocation.Style);
        invocation.Hint($"{accesses.Count} recorded accesses to {response.LicenseId}, as seen by {invocation.Target.Name}.");
        return ExitCodes.Success;
    }

    /// <summary>"fact check" for ACCESS_KIND_FACT_CHECK.</summary>
    private static string Kind(AccessKind kind) => kind switch
    {
        AccessKind.Query => "query",
        AccessKind.Download => "download",
        AccessKind.FactCheck => "fact check",
        _ => kind.ToString(),
    };

    /// <summary>The common name of a certificate subject ("CN=name, OU=dept, O=org"), else the text as recorded.</summary>
    private static string Clerk(string clerk) =>
        clerk.StartsWith("CN=", StringComparison.Ordinal) ? clerk[3..].Split(", ", 2)[0] : Dash(clerk);

    private static string Dash(string text) => text.Length == 0 ? "-" : text;
}
