using Regional.V1;

namespace Regional.Node.Licenses;

/// <summary>
/// What a VerifyLicense request asks, from its disclosed fields: the status only; a presented document
/// (every value with its salt: checked against the digests anywhere); a fact check (values without salts:
/// content, answered and recorded by the issuing region, which holds the salts); or a mix, which is refused.
/// The one place this rule is written: the service, the mirror's service and the reader ask here.
/// </summary>
internal enum VerifyKind
{
    Status = 1,
    PresentedDocument,
    FactCheck,
    Mixed,
}

internal static class VerifyKinds
{
    public static VerifyKind Of(IReadOnlyCollection<DisclosedField> disclosed)
    {
        if (disclosed.Count == 0)
        {
            return VerifyKind.Status;
        }
        var salted = disclosed.Count(d => !d.Salt.IsEmpty);
        return salted == disclosed.Count ? VerifyKind.PresentedDocument : salted == 0 ? VerifyKind.FactCheck : VerifyKind.Mixed;
    }
}
