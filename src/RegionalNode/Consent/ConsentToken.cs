using System.Globalization;
using Regional.LicenseVerifier.Notes;
using Regional.V1;

namespace Regional.Node.Consent;

/// <summary>
/// The grant as a C2SP signed note by the issuing region's log key, to show at the window (e.g. as a
/// QR code). The body holds no personal data:
/// <code>
/// regional consent grant v1
/// grant g-...
/// license bj-...
/// relying tj-power[ window]
/// matter power-account-transfer
/// fields location,owner_name
/// expires 2026-11-23T10:00:00Z
/// single-use true
/// </code>
/// </summary>
internal static class ConsentToken
{
    public const string Header = "regional consent grant v1";

    public static string Body(ConsentGranted grant)
    {
        var relying = grant.RelyingWindow.Length > 0 ? $"{grant.RelyingDepartment} {grant.RelyingWindow}" : grant.RelyingDepartment;
        var expires = grant.ExpiresAt?.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
        return $"""
            {Header}
            grant {grant.GrantId}
            license {grant.LicenseId}
            relying {relying}
            matter {grant.MatterCode}
            fields {string.Join(",", grant.Fields.Order(StringComparer.Ordinal))}
            expires {expires}
            single-use {(grant.SingleUse ? "true" : "false")}

            """.ReplaceLineEndings("\n");
    }

    public static string Sign(ConsentGranted grant, NoteSigner signer) => SignedNote.Sign(Body(grant), signer).ToString();
}
