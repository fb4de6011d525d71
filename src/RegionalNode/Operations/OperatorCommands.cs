namespace Regional.Node.Operations;

/// <summary>The operator subcommands of the node binary (docs/operations.md): each runs and exits
/// without starting the node.</summary>
internal static class OperatorCommands
{
    public static Task<int> RunAsync(string[] args) => args[0] switch
    {
        "backup" => BackupCommand.RunAsync(args[1..]),
        "restore" => RestoreCommand.RunAsync(args[1..]),
        "recover" => RecoverTailCommand.RunAsync(args[1..]),
        _ => throw new ArgumentException($"not an operator command: {args[0]}", nameof(args)),
    };
}
