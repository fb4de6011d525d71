namespace Regional.Node.Operations;

/// <summary>The operator subcommands of the node binary (docs/operations.md): each runs and exits
/// without starting the node; <c>--help</c> prints a command's options.</summary>
internal static class OperatorCommands
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            Console.Out.WriteLine(args[0] switch
            {
                "backup" => BackupCommand.HelpText,
                "restore" => RestoreCommand.HelpText,
                _ => $"usage: {RecoverTailCommand.UsageText}",
            });
            return Task.FromResult(ExitCodes.Ok);
        }
        return Run(args);
    }

    private static Task<int> Run(string[] args) => args[0] switch
    {
        "backup" => BackupCommand.RunAsync(args[1..]),
        "restore" => RestoreCommand.RunAsync(args[1..]),
        "recover" => RecoverTailCommand.RunAsync(args[1..]),
        _ => throw new ArgumentException($"not an operator command: {args[0]}", nameof(args)),
    };
}
