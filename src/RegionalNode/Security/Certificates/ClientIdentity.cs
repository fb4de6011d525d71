namespace Regional.Node.Security.Certificates;

/// <summary>
/// Who a caller's client certificate says it is: a department of a region acting in a role, from the
/// SAN URI urn:regional:client:&lt;region&gt;:&lt;department&gt;:&lt;role&gt;[:&lt;window&gt;]. Authorisation uses
/// these values; the subject name is for people and logs only. The window ("" when the certificate
/// names none) is the one place the CA vouches for: a grant bound to a window matches it alone.
/// </summary>
internal sealed record ClientIdentity(string Region, string Department, string Role, string Window = "")
{
    /// <summary>"urn:regional:client:bj:bj-samr:issuer".</summary>
    public override string ToString() => CertificateIdentity.ClientUri(Region, Department, Role, Window);
}

/// <summary>The roles a client certificate can name.</summary>
internal static class ClientRoles
{
    /// <summary>A business system that issues and amends licences for its department.</summary>
    public const string Issuer = "issuer";

    /// <summary>A person at a counter who looks licences up and changes their status.</summary>
    public const string Clerk = "clerk";

    /// <summary>Reads everything, changes nothing; checks the logs and the witnesses.</summary>
    public const string Auditor = "auditor";

    /// <summary>The holders' app: fetches a holder's own licences and proof bundles.</summary>
    public const string HolderApp = "holder-app";

    public static readonly IReadOnlyList<string> All = [Issuer, Clerk, Auditor, HolderApp];

    /// <summary>"issuer, clerk, auditor, holder-app", for messages.</summary>
    public static string Names => string.Join(", ", All);

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
