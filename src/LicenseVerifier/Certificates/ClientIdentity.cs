namespace Regional.LicenseVerifier.Certificates;

/// <summary>
/// Who a caller's client certificate says it is: a department of a region acting in a role, from the
/// SAN URI urn:regional:client:&lt;region&gt;:&lt;department&gt;:&lt;role&gt;[:&lt;window&gt;]. Authorisation uses
/// these values; the subject name is for people and logs only. The window ("" when the certificate
/// names none) is the one place the CA vouches for: a grant bound to a window matches it alone.
/// </summary>
/// <param name="Region">The caller's region, e.g. "bj".</param>
/// <param name="Department">The caller's department, a department of <paramref name="Region"/>, e.g. "bj-samr".</param>
/// <param name="Role">One of <see cref="ClientRoles.All"/>.</param>
/// <param name="Window">The service window the certificate names, or "".</param>
/// <remarks>Immutable. Built by <see cref="CertificateIdentity.ReadClient"/> from a certificate.</remarks>
public sealed record ClientIdentity(string Region, string Department, string Role, string Window = "")
{
    /// <summary>"urn:regional:client:bj:bj-samr:issuer".</summary>
    public override string ToString() => CertificateIdentity.ClientUri(Region, Department, Role, Window);
}

/// <summary>The roles a client certificate can name.</summary>
public static class ClientRoles
{
    /// <summary>A business system that issues and amends licences for its department.</summary>
    public const string Issuer = "issuer";

    /// <summary>A person at a counter who looks licences up and changes their status.</summary>
    public const string Clerk = "clerk";

    /// <summary>Reads everything, changes nothing; checks the logs and the witnesses.</summary>
    public const string Auditor = "auditor";

    /// <summary>The holders' app: fetches a holder's own licences and proof bundles.</summary>
    public const string HolderApp = "holder-app";

    /// <summary>Every role, in the order messages list them.</summary>
    public static readonly IReadOnlyList<string> All = [Issuer, Clerk, Auditor, HolderApp];

    /// <summary>"issuer, clerk, auditor, holder-app", for messages.</summary>
    public static string Names => string.Join(", ", All);

    /// <summary>True for one of <see cref="All"/>, compared ordinally (no case folding).</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
