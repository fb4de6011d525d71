using System.Text.RegularExpressions;

namespace Regional.Cli.Tests.Support;

/// <summary>What a documented command should do: its exit code and a text its output contains.</summary>
internal sealed record DocExpectation(int Exit, string? Prints);

/// <summary>
/// The commands of a Markdown page's ```sh blocks, line by line, each with what the
/// "# prints X[, exit code N]" comment above it promises (exit code 0 and nothing in particular without
/// one). Shared by the tests that run the README's walk-throughs and docs/integrating.md as written.
/// </summary>
internal static partial class DocCommands
{
    /// <summary>The lines of every sh block of <paramref name="markdown"/>, continuation lines joined.</summary>
    public static List<(string Line, DocExpectation Expect)> Lines(string markdown)
    {
        var lines = new List<(string, DocExpectation)>();
        var expect = new DocExpectation(0, null);
        foreach (Match block in ShBlock().Matches(markdown))
        {
            foreach (var line in block.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Prints().Match(line) is { Success: true } comment)
                {
                    var prints = comment.Groups[1].Success ? comment.Groups[1].Value : comment.Groups[2].Value;
                    var exit = comment.Groups[3].Success ? int.Parse(comment.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                    expect = new DocExpectation(exit, prints);
                    continue;
                }
                lines.Add((line, expect));
                expect = new DocExpectation(0, null);
            }
        }
        return lines;
    }

    /// <summary>The text from a "## Title" heading to the next one; empty when there is no such heading.</summary>
    public static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }
        var end = markdown.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return markdown[start..(end < 0 ? markdown.Length : end)];
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShBlock();

    /// <summary>"# prints VALID and ...": the first word; "# prints `"matches":true`": the text in backticks;
    /// either with ", exit code N" after it.</summary>
    [GeneratedRegex(@"^# prints (?:`([^`]+)`|([A-Za-z0-9_.-]+))(?:.*exit code (\d+))?")]
    private static partial Regex Prints();
}
