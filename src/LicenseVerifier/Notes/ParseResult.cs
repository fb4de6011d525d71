namespace Regional.LicenseVerifier.Notes;

/// <summary>The outcome of a strict parse: either a value or an error saying what was wrong.</summary>
/// <typeparam name="T">The parsed type.</typeparam>
/// <param name="Value">The parsed value; null when <see cref="Error"/> is set.</param>
/// <param name="Error">Why the input was rejected, or null on success.</param>
/// <remarks>Immutable. Malformed input is an expected failure, so parsers return this rather than throw.</remarks>
public readonly record struct ParseResult<T>(T? Value, string? Error)
{
    /// <summary>Whether the input parsed; then <see cref="Value"/> is not null.</summary>
    public bool IsSuccess => Error is null;
}

/// <summary>Constructors for <see cref="ParseResult{T}"/>.</summary>
internal static class ParseResult
{
    public static ParseResult<T> Ok<T>(T value) => new(value, null);

    public static ParseResult<T> Fail<T>(string error) => new(default, error);
}
