using System.CommandLine;
using System.CommandLine.Invocation;
using Grpc.Net.Client;
using Regional.Cli.Commands;
using Regional.Cli.Connection;
using Regional.V1;

namespace Regional.Cli;

/// <summary>The `regional` command tree, built with an injected console and channel factory so tests
/// run the real commands in-process; and the run loop with its usage-error exit code.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliConsole console, Func<NodeTarget, GrpcChannel>? channels = null)
    {
        var runner = new CommandRunner(console, channels ?? NodeChannels.Open);
        var root = new RootCommand($"""
            regional: the clerks' and operators' command line of the Beijing-Tianjin-Hebei licence federation.
            Start a development cluster with `regional cluster up`, then issue, verify, download and revoke licences.

            {ExitCodes.Help}
            """);
        foreach (var option in CommonOptions.All)
        {
            root.Options.Add(option);
        }
        root.Subcommands.Add(Group("cluster", "Run a development cluster (bj, tj, he, or any regions with --regions) and its read-only mirrors on this machine.",
            ClusterUpCommand.Create(runner), ClusterDownCommand.Create(runner), ClusterStatusCommand.Create(runner), ClusterClientCommand.Create(runner),
            ClusterMirrorCommand.Create(runner)));
        root.Subcommands.Add(Group("license", "Issue, import, show, verify, download and change licences.",
            LicenseIssueCommand.Create(runner), LicenseImportCommand.Create(runner), LicenseShowCommand.Create(runner),
            LicenseVerifyCommand.Create(runner), LicenseDownloadCommand.Create(runner),
            LicenseStatusCommand.Create(runner, "revoke", LicenseStatus.Revoked, "COMPLIANCE"),
            LicenseStatusCommand.Create(runner, "suspend", LicenseStatus.Suspended, "COURT_ORDER"),
            LicenseStatusCommand.Create(runner, "reinstate", LicenseStatus.Active, "COMPLIANCE_RESTORED"),
            LicenseHistoryCommand.Create(runner)));
        root.Subcommands.Add(Group("consent", "The holder's consent (as the holders' app): grant, list and withdraw.",
            ConsentGrantCommand.Create(runner), ConsentListCommand.Create(runner), ConsentWithdrawCommand.Create(runner)));
        root.Subcommands.Add(AuditCommand.Create(runner));
        root.Subcommands.Add(Group("bundle", "Check downloaded licences offline, and refresh their status.", BundleVerifyCommand.Create(runner), BundleRefreshCommand.Create(runner)));
        root.Subcommands.Add(Group("catalog", "The directory (目录) of licence types.",
            CatalogListCommand.Create(runner), CatalogShowCommand.Create(runner), CatalogAddCommand.Create(runner)));
        root.Subcommands.Add(Group("directory", "Sharing on application (目录链): apply for another department's licence type; its owner approves, refuses or revokes.",
            DirectoryApplyCommand.Create(runner), DirectoryApproveCommand.Create(runner), DirectoryEndCommand.Refuse(runner),
            DirectoryEndCommand.Revoke(runner), DirectoryListCommand.Create(runner)));
        root.Subcommands.Add(Group("ledger", "The node's ledger and its mirrors of the other regions.",
            LedgerStatusCommand.Create(runner), LedgerBlockCommand.Create(runner), LedgerAuditCommand.Create(runner)));
        return root;
    }

    /// <summary>Parses and runs; a parse error prints the problems and exits 2 (usage).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, Func<NodeTarget, GrpcChannel>? channels = null,
        TimeSpan? terminationGrace = null, CancellationToken cancel = default)
    {
        var parse = Build(console, channels).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"regional: {error.Message}");
            }
            await console.Error.WriteLineAsync($"Run '{string.Join(' ', ["regional", .. CommandPath(parse.CommandResult.Command, parse.RootCommandResult.Command)])} --help' for usage.");
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration { Output = console.Output, Error = console.Error, ProcessTerminationTimeout = terminationGrace };
        return await parse.InvokeAsync(configuration, cancel);
    }

    private static Command Group(string name, string description, params Command[] verbs)
    {
        var group = new Command(name, description);
        foreach (var verb in verbs)
        {
            group.Subcommands.Add(verb);
        }
        return group;
    }

    private static IEnumerable<string> CommandPath(Command command, Command root)
    {
        var path = new List<string>();
        for (var current = command; current is not null && current != root; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            path.Insert(0, current.Name);
        }
        return path;
    }
}
