namespace Regional.Node.Errors;

/// <summary>One bad request field: its path ("license.holder_id") and what was wrong and wanted
/// ("got '', want 'BJ-...'"); sent as a google.rpc.BadRequest field violation.</summary>
internal sealed record FieldViolation(string Field, string Description)
{
    /// <summary>"got '&lt;got&gt;', want &lt;want&gt;", the house form of a validation message.</summary>
    public static FieldViolation Got(string field, string? got, string want) => new(field, $"got '{got}', want {want}");

    public override string ToString() => $"{Field}: {Description}";
}
