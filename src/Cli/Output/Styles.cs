using Regional.V1;

namespace Regional.Cli.Output;

/// <summary>ANSI colours, only when writing to a terminal (and NO_COLOR is unset); plain text otherwise.</summary>
internal readonly record struct Styles(bool Enabled)
{
    public string Green(string text) => Paint("32", text);

    public string Red(string text) => Paint("31", text);

    public string Yellow(string text) => Paint("33", text);

    public string Bold(string text) => Paint("1", text);

    public string Dim(string text) => Paint("2", text);

    /// <summary>A verification status in its colour: VALID green, REVOKED and MISMATCH red, others yellow.</summary>
    public string Status(VerificationStatus status) => status switch
    {
        VerificationStatus.Valid => Green(Names.Of(status)),
        VerificationStatus.Revoked or VerificationStatus.Mismatch => Red(Names.Of(status)),
        _ => Yellow(Names.Of(status)),
    };

    public string Status(LicenseStatus status) => status switch
    {
        LicenseStatus.Active => Green(Names.Of(status)),
        LicenseStatus.Revoked => Red(Names.Of(status)),
        _ => Yellow(Names.Of(status)),
    };

    private string Paint(string code, string text) => Enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
