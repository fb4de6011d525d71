using System.CommandLine;
using System.Globalization;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional consent list ID`: the grants on a licence and what has become of them.</summary>
internal static class ConsentListCommand
{
    private static readonly Argument<string> Id = LicenseOptions.Id();
    private static readonly Option<string?> Holder = new("--holder") { Description = "The holder the holders' app authenticated (required as the holders' app; an auditor leaves it out)." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("list", """
            List the grants on a licence as the holder's app (default: the licence's region, its holders' app).
            The holders' app sees the grants of its holder's licences only (--holder); an auditor (--as auditor) any.
            Example: regional consent list BJ-2026-000001 --holder 110108199001011234
            """) { Id, Holder };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        ConsentOptions.ActAsHolderOf(invocation, invocation.Value(Id));
        var response = await ConsentOptions.Client(invocation).ListConsentsAsync(new() { LicenseId = invocation.Value(Id), HolderId = invocation.Value(Holder) ?? "" }, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
            return ExitCodes.Success;
        }
        var table = Marks.Table("grant", "to", "matter", "fields", "expires", "use", "state");
        foreach (var consent in response.Consents)
        {
            var grant = consent.Grant;
            table.Row(SafeText.Escape(grant.GrantId), ConsentOptions.RelyingParty(grant), ConsentOptions.Matter(grant),
                grant.Fields.Count == 0 ? "-" : SafeText.Escape(string.Join(",", grant.Fields)), Names.Time(grant.ExpiresAt),
                grant.SingleUse ? "single" : "multiple", State(consent));
        }
        invocation.Screen.Write(table);
        return ExitCodes.Success;
    }

    private static Mark State(ConsentState consent)
    {
        var uses = consent.Uses.ToString(CultureInfo.InvariantCulture);
        return consent.Withdrawn ? Marks.Red("withdrawn")
            : consent.Grant.SingleUse && consent.Uses > 0 ? Marks.Yellow("used")
            : consent.Grant.ExpiresAt is { } expires && expires.ToDateTimeOffset() < DateTimeOffset.UtcNow ? Marks.Yellow("expired")
            : Marks.Green($"active, {uses} uses");
    }
}
