using System.CommandLine;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional audit ID`: who saw a licence's content, when, for which matter, from where. As an
/// auditor, from the ledger history (any region); as the holders' app with --holder, the holder's own
/// view (ListAccesses at the issuing region), as the seed articles have it shown on the holder's phone.</summary>
internal static class AuditCommand
{
    private static readonly Argument<string> Id = LicenseOptions.Id();
    private static readonly Option<string?> Holder = new("--holder")
    {
        Description = "As the holders' app (--as bj-holder-app): the holder it authenticated; shows the accesses to that holder's licence.",
    };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("audit", """
            List the recorded accesses to a licence (queries, downloads, fact checks): as an auditor (the default
            --as) from its ledger history, from any region; or as the holders' app of the licence's region with
            --holder, the holder's own view, at the issuing region's node. "window" is the service window the
            clerk's certificate names; "place" is what the caller declared (REGIONAL_PLACE), not verified.
            Example: regional audit BJ-2026-000001 --node tj
            Example: regional audit BJ-2026-000001 --as bj-holder-app --holder 110108199001011234
            """) { Id, Holder };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var id = invocation.Value(Id);
        var accesses = invocation.Value(Holder) is { } holder
            ? await AsHolderAsync(invocation, id, holder)
            : await AsAuditorAsync(invocation, id);
        if (invocation.Json)
        {
            invocation.Out.WriteLine($"[{string.Join(",\n", accesses.Select(JsonOutput.Format))}]");
            return ExitCodes.Success;
        }
        var table = Marks.Table("when", "kind", "relying party", "clerk", "matter", "window", "place (declared)", "from", "grant", "approval", "fields seen");
        foreach (var access in accesses)
        {
            table.Row(Names.Time(access.AccessedAt), Kind(access.Kind), Text(access.RelyingDepartment), Clerk(access.Clerk), Text(access.MatterCode),
                Text(access.Window), Text(access.Place), Text(access.RequestingRegion), Text(access.GrantId), Text(access.ApprovalId),
                access.FieldsSeen.Count == 0 ? "-" : Text(string.Join(",", access.FieldsSeen)));
        }
        invocation.Screen.Write(table);
        invocation.Hint($"{accesses.Count} recorded accesses to {SafeText.Escape(id)}, as seen by {invocation.Target.Name}.");
        return ExitCodes.Success;
    }

    private static async Task<List<AccessRecorded>> AsAuditorAsync(Invocation invocation, string id)
    {
        invocation.DefaultClient = _ => "auditor";
        var response = await LicenseOptions.Client(invocation).GetLicenseAsync(new() { LicenseId = id }, cancellationToken: invocation.Cancel);
        return [.. response.History
            .Where(item => item.Entry.Length > 0)
            .Select(item => LedgerEntry.Parser.ParseFrom(item.Entry))
            .Where(entry => entry.KindCase == LedgerEntry.KindOneofCase.AccessRecorded)
            .Select(entry => entry.AccessRecorded)];
    }

    private static async Task<List<AccessRecorded>> AsHolderAsync(Invocation invocation, string id, string holder)
    {
        ConsentOptions.ActAsHolderOf(invocation, id);
        var response = await ConsentOptions.Client(invocation).ListAccessesAsync(new() { LicenseId = id, HolderId = holder }, cancellationToken: invocation.Cancel);
        return [.. response.Accesses.Select(a => a.Access)];
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
        clerk.StartsWith("CN=", StringComparison.Ordinal) ? Text(clerk[3..].Split(", ", 2)[0]) : Text(clerk);

    /// <summary>Recorded text, escaped, or "-" when empty.</summary>
    private static string Text(string text) => text.Length == 0 ? "-" : SafeText.Escape(text);
}
