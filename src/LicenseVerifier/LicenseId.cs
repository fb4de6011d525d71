using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Regional.LicenseVerifier;

/// <summary>
/// A licence id as the issuing region gives it: "BJ-2026-000123", the issuing region's code in
/// upper case, the year of issue and the region's running number for that year.
/// </summary>
/// <remarks>
/// <para>One rule for every party, so that a node, the CLI and a relying party never disagree on
/// whose licence an id names: a region code of 2 to 8 upper-case ASCII letters, '-', four ASCII
/// digits, '-', 6 to 12 ASCII digits, and nothing else (no spaces, no lower case, no other
/// scripts' digits). Whether the region belongs to a federation is not part of the format: a node
/// checks that against the regions it knows, a relying party against its trust file.</para>
/// <para>Immutable and thread-safe. <c>default(LicenseId)</c> names no licence: its text and
/// region are empty, and <see cref="IsEmpty"/> is true.</para>
/// </remarks>
public readonly record struct LicenseId
{
    /// <summary>What a licence id looks like, for error messages: "want ...".</summary>
    public const string Format = "a region code of 2 to 8 upper-case letters, '-', the year, '-' and 6 to 12 digits, e.g. 'BJ-2026-000123'";

    private const int MinRegion = 2;
    private const int MaxRegion = 8;
    private const int YearDigits = 4;
    private const int MinNumber = 6;
    private const int MaxNumber = 12;

    private readonly string? _text;
    private readonly string? _region;

    private LicenseId(string text, string region, int year, long number)
    {
        _text = text;
        _region = region;
        Year = year;
        Number = number;
    }

    /// <summary>The issuing region's id as the federation writes it, in lower case: "bj" for "BJ-2026-000123".</summary>
    public string Region => _region ?? "";

    /// <summary>The year of issue: 2026 for "BJ-2026-000123".</summary>
    public int Year { get; }

    /// <summary>The region's running number within the year: 123 for "BJ-2026-000123".</summary>
    public long Number { get; }

    /// <summary>True for <c>default(LicenseId)</c>, which names no licence.</summary>
    public bool IsEmpty => _text is null;

    /// <summary>True for a region's id as the federation writes it: 2 to 8 lower-case ASCII letters ("bj", "hd"), the
    /// lower-case form of the region code that begins its licence ids. A federation has any number of regions.</summary>
    public static bool IsRegionId([NotNullWhen(true)] string? id) =>
        id is { Length: >= MinRegion and <= MaxRegion } && !id.AsSpan().ContainsAnyExceptInRange('a', 'z');

    /// <summary>Reads a licence id.</summary>
    /// <exception cref="FormatException">The text is not a licence id; the message says what was wanted.</exception>
    public static LicenseId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"licence id: got '{text}', want {Format}");

    /// <summary>Reads a licence id; false (and <c>default</c>) when <paramref name="text"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out LicenseId id)
    {
        // ASCII ranges on purpose: char.IsDigit and char.IsUpper also take '０' (U+FF10), Arabic-Indic digits and 'Ä'.
        id = default;
        if (text is null || text.Length < MinRegion + YearDigits + MinNumber + 2 || text.Length > MaxRegion + YearDigits + MaxNumber + 2)
        {
            return false;
        }
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash is < MinRegion or > MaxRegion || text.AsSpan(0, dash).ContainsAnyExceptInRange('A', 'Z'))
        {
            return false;
        }
        var year = text.AsSpan(dash + 1);
        if (year.Length <= YearDigits || year[YearDigits] != '-' || year[..YearDigits].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        var number = year[(YearDigits + 1)..];
        if (number.Length is < MinNumber or > MaxNumber || number.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }
        id = new LicenseId(text, text[..dash].ToLowerInvariant(),
            int.Parse(year[..YearDigits], NumberStyles.None, CultureInfo.InvariantCulture),
            long.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>The canonical text, exactly as issued: "BJ-2026-000123"; empty for <c>default</c>.</summary>
    public override string ToString() => _text ?? "";
}
