namespace Regional.Cli;

/// <summary>Where a command writes and what it may read from its environment. Program.cs passes the
/// real console; tests pass string writers and their own environment.</summary>
/// <param name="Output">stdout: results only (with --json, nothing but JSON).</param>
/// <param name="Error">stderr: errors, progress, hints.</param>
/// <param name="IsTerminal">Whether stdout is a terminal: colour and progress bars only then.</param>
/// <param name="Environment">Reads an environment variable (REGIONAL_NODE, REGIONAL_CLUSTER, NO_COLOR).</param>
internal sealed record CliConsole(TextWriter Output, TextWriter Error, bool IsTerminal, Func<string, string?> Environment)
{
    /// <summary>The process's console; colour when stdout is a terminal and NO_COLOR is unset.</summary>
    public static CliConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR")),
        System.Environment.GetEnvironmentVariable);

    /// <summary>Whether stderr is a terminal (for the import progress bar).</summary>
    public bool ErrorIsTerminal => IsTerminal && !Console.IsErrorRedirected;
}
