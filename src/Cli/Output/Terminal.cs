using Spectre.Console;

namespace Regional.Cli.Output;

/// <summary>
/// The Spectre.Console consoles a command draws on, made from the <see cref="CliConsole"/>'s writers (so
/// tests capture them). On a terminal: ANSI, live redraws, the terminal's width, and colour unless NO_COLOR
/// is set (the colours the terminal has: Spectre's reading of TERM and COLORTERM, from the console's environment).
/// Redirected: plain text, no colour, no redraw, and no wrapping (tables stay one row a line).
/// </summary>
internal static class Terminal
{
    /// <summary>Width of redirected output: wide enough that no table or line is wrapped.</summary>
    private const int UnboundedWidth = 4096;

    private static readonly string[] Variables = ["TERM", "COLORTERM"];

    public static IAnsiConsole Create(TextWriter writer, bool isTerminal, Func<string, string?> environment)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Yes : AnsiSupport.No,
            // NO_COLOR (no-color.org): any non-empty value turns colour off, and only colour.
            ColorSystem = isTerminal && string.IsNullOrEmpty(environment("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
            EnvironmentVariables = Variables.Select(v => (Name: v, Value: environment(v))).Where(v => v.Value is not null)
                .ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal),
        });
        if (!isTerminal)
        {
            console.Profile.Width = UnboundedWidth;
        }
        return console;
    }
}
