using System.Globalization;

namespace Regional.Node.Configuration;

/// <summary>The checks every options validator shares, with one message shape: "Section:Option: got X, want min..max".</summary>
internal static class OptionChecks
{
    public static void Range(List<string> failures, string section, string option, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{option}: got {value}, want {min}..{max}"));
        }
    }
}
