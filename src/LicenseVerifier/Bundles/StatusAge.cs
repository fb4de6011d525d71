using System.Globalization;

namespace Regional.LicenseVerifier.Bundles;

/// <summary>How old a status proof may be before a relying party calls it stale: written as a whole
/// number and a unit, "90s", "30m", "2h" or "7d" (the trust file's <c>maxStatusAge</c>, the CLI's
/// <c>--max-age</c>).</summary>
public static class StatusAge
{
    /// <summary>The default: a day, the policy for a trust file that names none.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromHours(24);

    /// <summary>How far ahead of the verifier's clock a status time may be (clocks differ) before it is refused.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Reads "90s", "30m", "2h" or "7d"; null when the text is not one (or not positive).</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 12)
        {
            return null;
        }
        var unit = text[^1];
        if (!long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return null;
        }
        try
        {
            return unit switch
            {
                's' => TimeSpan.FromSeconds(number),
                'm' => TimeSpan.FromMinutes(number),
                'h' => TimeSpan.FromHours(number),
                'd' => TimeSpan.FromDays(number),
                _ => null,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // beyond what a TimeSpan holds
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>An age for people: "45s", "12m", "3h 5m", "2d 4h".</summary>
    public static string Describe(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            return "in the future by " + Describe(-age);
        }
        return age.TotalSeconds < 60 ? $"{(int)age.TotalSeconds}s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 24 ? $"{(int)age.TotalHours}h {age.Minutes}m"
            : $"{(int)age.TotalDays}d {age.Hours}h";
    }
}
