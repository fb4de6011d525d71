using System.Text;
using System.Text.RegularExpressions;

namespace Regional.Cli.Tests.Support;

/// <summary>Just enough of sh to run the README's quickstart lines: words with single and double
/// quotes, $name and "$name" expansion, and name=$(command) assignment.</summary>
internal static partial class ShellLine
{
    /// <summary>The variable a line assigns with name=$(...), and the inner command; or null.</summary>
    public static (string Name, string Command)? Assignment(string line) =>
        AssignmentPattern().Match(line) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : null;

    public static List<string> Words(string line, IReadOnlyDictionary<string, string> variables)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                word.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                var end = line.IndexOf('"', i + 1);
                word.Append(Expand(line[(i + 1)..end], variables));
                i = end;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                var end = i;
                while (end < line.Length && !char.IsWhiteSpace(line[end]) && line[end] is not ('"' or '\''))
                {
                    end++;
                }
                word.Append(Expand(line[i..end], variables));
                i = end - 1;
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        VariablePattern().Replace(text, m => variables[m.Groups[1].Value]);

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=\$\((.*)\)$")]
    private static partial Regex AssignmentPattern();

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariablePattern();
}
