using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Regional.Node.Operations;

/// <summary>
/// The operator commands of the node binary (docs/operations.md) on System.CommandLine, as the clerks'
/// `regional` has them: each with <c>--help</c>, an example and typed options; a typo or a missing option is
/// a usage error (exit 2) that names it. Each runs and exits without starting the node. With no command the
/// binary starts the node (options: docs/configuration.md).
/// </summary>
internal static class OperatorCli
{
    /// <summary>The first words that make the binary run an operator command instead of the node.</summary>
    public static bool Handles(string[] args) =>
        args is [var first, ..] && first is "backup" or "restore" or "recover" or "rotate-key" or "--help" or "-h" or "-?" or "help";

    private static readonly Option<string> BackupData = new("--data") { Description = "The node's data folder (Node:DataDirectory).", Required = true };
    private static readonly Option<string> BackupTo = new("--to") { Description = "A new or empty folder for this backup.", Required = true };
    private static readonly Option<bool> IncludeKeys = new("--include-keys")
    {
        Description = "Also copy the private keys (log signing keys, witness key, keys/data.key, TLS key). Warns, and is recorded in the "
            + "manifest. Without it the backup holds no private key and restore takes them from your key store (restore --keys).",
    };
    private static readonly Option<string?> SigningKey = new("--signing-key")
    {
        Description = "The log's first signing key, when not <data>/keys/signing.key (Node:SigningKeyPath); a key rotated to is found beside it by key ID.",
    };

    private static readonly Option<string> RestoreFrom = new("--from") { Description = "The backup folder.", Required = true };
    private static readonly Option<string> RestoreData = new("--data") { Description = "The data folder to restore into: new or empty, or see --force.", Required = true };
    private static readonly Option<string?> RestoreTrust = new("--trust")
    {
        Description = "Check the manifest's signature against the region's log key in this trust file (default: REGIONAL_Federation__TrustFile). "
            + "Without one, against the current key the backed-up log records.",
    };
    private static readonly Option<string?> Keys = new("--keys")
    {
        Description = "For a backup without keys: copy the key files the manifest names from this key store (laid out as a data folder), each checked against the manifest.",
    };
    private static readonly Option<bool> Force = new("--force") { Description = "Restore into a non-empty folder, moving its contents to <data>.replaced-<time>." };

    private static readonly Option<string> RecoverData = new("--data") { Description = "The restored (or emptied) data folder of the stopped node.", Required = true };
    private static readonly Option<string> RecoverFrom = new("--from") { Description = "The peer to copy the log's tail from: a region in the trust file (tj) or its endpoint.", Required = true };
    private static readonly Option<string> RecoverTrust = new("--trust") { Description = "The federation's trust file.", Required = true };
    private static readonly Option<string?> RecoverRegion = new("--region") { Description = "This node's region, when the data folder cannot tell (an empty folder)." };
    private static readonly Option<string?> Certificate = new("--cert") { Description = "The node's TLS certificate for mutual TLS with the peer (default: <data>/tls/node.crt)." };
    private static readonly Option<string?> CertificateKey = new("--key") { Description = "The key of --cert (default: <data>/tls/node.key)." };

    private static readonly Option<string?> RotateRegion = new("--region") { Description = "The node's region (Node:Region), e.g. bj." };
    private static readonly Option<string?> RotateData = new("--data") { Description = "The node's data folder (Node:DataDirectory; default ./data/<region>)." };

    /// <summary>The command tree: backup, restore, recover, rotate-key.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("""
            Regional.Node: one region's node of the Beijing-Tianjin-Hebei licence federation.
            Without a command it starts the node: `dotnet Regional.Node.dll --region bj` (every option: docs/configuration.md).
            The commands below are for operators; each runs with the node stopped (backup: running or not) and exits.

            Exit codes: 0 done, 1 failed or refused (nothing changed), 2 bad command line, 3 recover: done, but a peer holds more.
            """);

        var backup = new Command("backup", """
            An online backup of a node's data folder, safe while the node runs: each database (SQLite online backup), the
            certificates and other files, manifest.json (every file with its SHA-256 and where the own log stood) and
            manifest.sig (the manifest signed with the region's current log key). See docs/operations.md.
            Example: dotnet Regional.Node.dll backup --data data/bj --to /backups/bj-2026-12-07
            """) { BackupData, BackupTo, IncludeKeys, SigningKey };
        backup.SetAction(parse => BackupCommand.RunAsync(parse.GetValue(BackupData)!, parse.GetValue(BackupTo)!, parse.GetValue(IncludeKeys), parse.GetValue(SigningKey)));

        var restore = new Command("restore", """
            Restores a backup into a data folder, with the node stopped. Nothing is written before the manifest's signature,
            every file and the keys from --keys are checked; then `recover` brings the log up to what the peers hold.
            Example: dotnet Regional.Node.dll restore --from /backups/bj-2026-12-07 --data data/bj --keys /secure/bj-keys --trust cluster/trust.json
            """) { RestoreFrom, RestoreData, RestoreTrust, Keys, Force };
        restore.SetAction(parse => RestoreCommand.RunAsync(parse.GetValue(RestoreFrom)!, parse.GetValue(RestoreData)!, parse.GetValue(RestoreTrust), parse.GetValue(Keys), parse.GetValue(Force)));

        var recover = new Command("recover", """
            Brings the own log's tail back from a peer's mirror, with the node stopped: after a restore from an old backup, or
            onto an empty folder that kept only its keys. Every peer's checkpoint must be held by the recovered log. On
            PostgreSQL (Storage:Engine postgres in the node's configuration or REGIONAL_Storage__* environment) it recovers the
            database, holding the writer lease: stop every node of the region first.
            Example: dotnet Regional.Node.dll recover --data data/bj --from tj --trust cluster/trust.json
            """) { RecoverData, RecoverFrom, RecoverTrust, RecoverRegion, Certificate, CertificateKey };
        recover.SetAction((parse, _) => RecoverTailCommand.RunAsync(parse.GetValue(RecoverData)!, parse.GetValue(RecoverFrom)!, parse.GetValue(RecoverTrust)!,
            parse.GetValue(RecoverRegion), parse.GetValue(Certificate), parse.GetValue(CertificateKey)));

        var rotate = new Command("rotate-key", """
            The key ceremony, with the node stopped: records a key rotation in the log, signed by the old key, and makes the new
            key current; prints what to put in the trust file. Takes the node's own options (the same data folder, suite and key
            path), e.g. --Node:SigningKeyPath=...; see docs/federation.md, "Key rotation".
            Example: dotnet Regional.Node.dll rotate-key --region bj --data data/bj
            """) { RotateRegion, RotateData };
        // The node's configuration options (--Node:X=...) pass through to its configuration, as when it starts.
        rotate.TreatUnmatchedTokensAsErrors = false;
        rotate.SetAction(parse => RotateKeyCommand.Run([.. parse.Tokens.Where(t => t.Type != TokenType.Command).Select(t => t.Value)], Console.Out, Console.Error));

        root.Subcommands.Add(backup);
        root.Subcommands.Add(restore);
        root.Subcommands.Add(recover);
        root.Subcommands.Add(rotate);
        return root;
    }

    /// <summary>Parses and runs; a parse error prints the problems and how to get help, and exits 2.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Build().Parse(args is ["help", .. var rest] ? [.. rest, "--help"] : args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"regional-node: {problem.Message}");
            }
            var verb = parse.CommandResult.Command is RootCommand ? "" : $" {parse.CommandResult.Command.Name}";
            await error.WriteLineAsync($"Run 'dotnet Regional.Node.dll{verb} --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
