using System.CommandLine;

namespace Regional.Cli.Commands;

/// <summary>`regional consent withdraw GRANT_ID`: the holder withdraws a grant; later uses are refused.</summary>
internal static class ConsentWithdrawCommand
{
    private static readonly Argument<string> GrantId = new("GRANT_ID") { Description = "The grant to withdraw (from regional consent grant or list)." };
    private static readonly Option<string> Holder = ConsentOptions.Holder(required: true);

    public static Command Create(CommandRunner runner)
    {
        var command = new Command("withdraw", """
            Withdraw a grant as the holder's app (default --as: the holders' app of the node's region). Send it to
            the node of the licence's issuing region, which recorded the grant.
            Only the licence's holder (--holder) withdraws.
            Example: regional consent withdraw GRANT_ID --node bj --holder 110108199001011234
            """) { GrantId, Holder };
        runner.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        invocation.DefaultClient = Cluster.DemoClients.HolderAppFor;
        var response = await ConsentOptions.Client(invocation).WithdrawConsentAsync(new() { GrantId = invocation.Value(GrantId), HolderId = invocation.Value(Holder) }, cancellationToken: invocation.Cancel);
        if (invocation.Json)
        {
            invocation.WriteJson(response);
            return ExitCodes.Success;
        }
        var where = response.Receipt is { } r ? $" (leaf {r.LeafIndex}, block {r.BlockHeight})" : "";
        invocation.Out.WriteLine($"Withdrew {invocation.Value(GrantId)}{where}");
        return ExitCodes.Success;
    }
}
