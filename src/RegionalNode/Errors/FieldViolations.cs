namespace Regional.Node.Errors;

/// <summary>Collects a request's field violations so a service validates in one place and reports
/// every bad field at once: <c>v.Require(ok, "license_id", got, "'BJ-...'"); v.ThrowIfAny();</c></summary>
internal sealed class FieldViolations
{
    private readonly List<FieldViolation> _violations = [];

    public int Count => _violations.Count;

    public void Add(string field, string description) => _violations.Add(new FieldViolation(field, description));

    /// <summary>Adds "field: got '&lt;got&gt;', want &lt;want&gt;" unless ok.</summary>
    public void Require(bool ok, string field, string? got, string want)
    {
        if (!ok)
        {
            _violations.Add(FieldViolation.Got(field, got, want));
        }
    }

    /// <exception cref="NodeException">INVALID_ARGUMENT with every violation collected.</exception>
    /// <summary>Adds "field: got 'value', want ..." with the value quoted safely.</summary>
    public void Got(string field, string? got, string want) => _violations.Add(FieldViolation.Got(field, Quote(got), want));

    /// <summary>Whether any violation was added.</summary>
    public bool Any => _violations.Count > 0;

    /// <summary>A value shortened to 40 characters and stripped of control characters, safe to echo back.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        const int limit = 40;
        var text = new System.Text.StringBuilder();
        foreach (var c in value.Length > limit ? value[..limit] : value)
        {
            text.Append(char.IsControl(c) ? '?' : c);
        }
        return value.Length > limit ? text.Append('…').ToString() : text.ToString();
    }

    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
        {
            throw NodeException.InvalidArguments([.. _violations]);
        }
    }
}
