using Regional.Cli.Output;
using Spectre.Console;

namespace Regional.Cli;

/// <summary>Where a command writes and what it may read from its environment. Program.cs passes the
/// real console; tests pass string writers and their own environment.</summary>
/// <param name="Output">stdout: results only (with --json, nothing but JSON).</param>
/// <param name="Error">stderr: errors, progress, hints.</param>
/// <param name="IsTerminal">Whether stdout is a terminal: redrawn views, QR codes, and colour unless NO_COLOR is set.</param>
/// <param name="Environment">Reads an environment variable (REGIONAL_NODE, REGIONAL_CLUSTER, NO_COLOR, TERM).</param>
/// <param name="ErrorIsTerminal">Whether stderr is a terminal: the import's progress only then.</param>
internal sealed record CliConsole(TextWriter Output, TextWriter Error, bool IsTerminal, Func<string, string?> Environment, bool ErrorIsTerminal = false)
{
    /// <summary>The process's console.</summary>
    public static CliConsole FromProcess() => new(
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected,
        System.Environment.GetEnvironmentVariable,
        !Console.IsErrorRedirected);

    /// <summary>stdout as a Spectre console (<see cref="Terminal"/>).</summary>
    public IAnsiConsole Screen() => Terminal.Create(Output, IsTerminal, Environment);

    /// <summary>stderr as a Spectre console, for progress.</summary>
    public IAnsiConsole ErrorScreen() => Terminal.Create(Error, ErrorIsTerminal, Environment);
}
