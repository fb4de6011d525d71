namespace Regional.LicenseVerifier.Digests;

/// <summary>The outcome of checking one disclosed field against a licence's committed digests.</summary>
public enum FieldOutcome
{
    /// <summary>H(salt || name || 0x00 || value) equals the committed digest of that name.</summary>
    Match = 1,

    /// <summary>A digest of that name is committed, but the value (or salt) does not reproduce it.</summary>
    Mismatch = 2,

    /// <summary>No digest of that name is committed for the licence.</summary>
    NotCommitted = 3,

    /// <summary>The disclosed salt is not <see cref="FieldDigests.SaltSize"/> bytes long.</summary>
    BadSalt = 4,
}

/// <summary>The outcome for one disclosed field, by name.</summary>
/// <param name="Name">The field name as disclosed.</param>
/// <param name="Outcome">What the check found.</param>
public readonly record struct FieldResult(string Name, FieldOutcome Outcome);

/// <summary>The result of <see cref="FieldDigests.Check"/>: one <see cref="FieldResult"/> per
/// disclosed field, in disclosure order, or an <see cref="Error"/> when the inputs are malformed
/// as a whole (a name disclosed twice, committed digests that name a field twice).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DisclosureCheck
{
    private DisclosureCheck(IReadOnlyList<FieldResult> fields, string? error)
    {
        Fields = fields;
        Error = error;
        IsValid = error is null && fields.All(f => f.Outcome == FieldOutcome.Match);
    }

    /// <summary>True when there is no <see cref="Error"/> and every disclosed field matches.
    /// An empty disclosure is valid: it claims nothing.</summary>
    public bool IsValid { get; }

    /// <summary>Per-field results in disclosure order; empty when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<FieldResult> Fields { get; }

    /// <summary>Why the disclosure could not be checked field by field, or null.</summary>
    public string? Error { get; }

    internal static DisclosureCheck Checked(IEnumerable<FieldResult> fields) =>
        new(Array.AsReadOnly(fields.ToArray()), null);

    internal static DisclosureCheck Failed(string error) =>
        new(Array.AsReadOnly(Array.Empty<FieldResult>()), error);

    /// <inheritdoc/>
    public override string ToString() => Error ?? (IsValid ? "valid" :
        string.Join(", ", Fields.Where(f => f.Outcome != FieldOutcome.Match).Select(f => $"{f.Name}: {f.Outcome}")));
}
