using System.CommandLine;
using Regional.Cli.Output;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>`regional consent grant ID --to DEPT --matter CODE --fields a,b --expires DATE`: the holder
/// authorises one relying party to see some fields of one licence for one matter.</summary>
internal static class ConsentGrantCommand
{
    private static readonly Argument<string> Id = LicenseOptions.Id();
    private static readonly Option<string> To = new("--to") { Description = "The relying department's code, e.g. tj-power.", Required = true };
    private static readonly Option<string?> Window = new("--window") { Description = "Only this service window of the department, as its clerks' certificates name it (e.g. binhai-hall)." };
    private static readonly Option<string> Matter = new("--matter") { Description = "The matter (事项) code, e.g. power-account-transfer.", Required = true };
    private static readonly Option<string?> MatterName = new("--matter-name") { Description = "The matter's name, e.g. 电力过户." };
    private static readonly Option<string[]> Fields = new("--fields") { Description = "The fields the relying party may see, comma separated (none: status only).", HelpName = "a,b" };
    private static readonly Option<string> Expires = new("--expires") { Description = "Until when: a date (end of that day), an ISO 8601 time, or a span from now (30d, 12h).", Required = true };
    private static readonly Option<bool> SingleUse = new("--single-use") { Description = "The grant is used up by its first delivered download or fact check (a query never uses it)." };
    private static readonly Option<string> Holder = ConsentOptions.Holder(required: true);
    private static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Print only the grant id." };

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("grant", """
            Grant consent as the holder's app (default --as: the holders' app of the licence's region, on that
            region's node). Prints the grant and its token; on a terminal also the token as a QR code.
            Only the holders' app of the licence's issuing region may grant, and only for the licence's holder (--holder).
            Example: regional consent grant BJ-2026-000001 --holder 110108199001011234 --to tj-power --matter power-account-transfer --fields owner_name,location --expires 2026-12-31 --single-use
            """) { Id, Holder, To, Window, Matter, MatterName, Fields, Expires, SingleUse, Quiet };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var id = invocation.Value(Id);
        var request = new GrantConsentRequest
        {
            LicenseId = id,
            HolderId = invocation.Value(Holder),
            RelyingDepartment = invocation.Value(To),
            RelyingWindow = invocation.Value(Window) ?? "",
            MatterCode = invocation.Value(Matter),
            MatterName = invocation.Value(MatterName) ?? "",
            Fields = { ConsentOptions.Names(invocation.Value(Fields)) },
            ExpiresAt = ConsentOptions.Expiry(invocation.Value(Expires), DateTimeOffset.UtcNow),
            SingleUse = invocation.Value(SingleUse),
        };
        ConsentOptions.ActAsHolderOf(invocation, id);
        var response = await ConsentOptions.Client(invocation).GrantConsentAsync(request, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
            return ExitCodes.Success;
        }
        if (invocation.Value(Quiet))
        {
            invocation.Out.WriteLine(response.Grant.GrantId);
            return ExitCodes.Success;
        }
        ConsentOptions.WriteGrant(invocation, response.Grant,
            ("recorded", response.Receipt is { } r ? $"on {invocation.Target.Name}'s ledger, leaf {r.LeafIndex}, block {r.BlockHeight}" : "-"));
        invocation.Out.WriteLine();
        invocation.Out.WriteLine("token:");
        foreach (var line in response.Token.TrimEnd('\n').Split('\n'))
        {
            invocation.Out.WriteLine(SafeText.Escape(line));
        }
        if (invocation.Console.IsTerminal)
        {
            invocation.Out.WriteLine();
            foreach (var line in QrCode.Render(response.Token))
            {
                invocation.Out.WriteLine(line);
            }
        }
        invocation.Hint($"A clerk of {request.RelyingDepartment} uses it with: regional license download {id} --grant {response.Grant.GrantId} --matter {request.MatterCode} -o FILE");
        return ExitCodes.Success;
    }
}
