namespace Regional.LicenseVerifier.Notes;

/// <summary>The outcome of a strict parse: either a value or an error saying what was wrong.</summary>
/// <typeparam name="T">The parsed type.</typeparam>
/// <remarks>Immutable. Malformed input is an expected failure, so parsers return this rather than
/// throw. Only the success constructor sets <see cref="IsSuccess"/>: <c>default(ParseResult&lt;T&gt;)</c>
/// is a failure (nothing was parsed), never a success with a null value.</remarks>
public readonly record struct ParseResult<T>
{
    private const string NotParsed = "not parsed: a default ParseResult, not the result of a parser";

    private readonly string? _error;

    internal ParseResult(T value)
    {
        Value = value;
        IsSuccess = true;
    }

    internal ParseResult(string error)
    {
        _error = error;
    }

    /// <summary>The parsed value; null unless <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>Why the input was rejected; null exactly when <see cref="IsSuccess"/>.</summary>
    public string? Error => IsSuccess ? null : _error ?? NotParsed;

    /// <summary>Whether the input parsed; then <see cref="Value"/> is not null. False for <c>default</c>.</summary>
    public bool IsSuccess { get; }
}

/// <summary>Constructors for <see cref="ParseResult{T}"/>.</summary>
internal static class ParseResult
{
    public static ParseResult<T> Ok<T>(T value) => new(value);

    public static ParseResult<T> Fail<T>(string error) => new(error);
}
