using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Regional.LicenseVerifier.Certificates;

/// <summary>
/// The identity a federation certificate carries, as a URI in its subjectAltName:
/// urn:regional:node:&lt;region&gt; for a regional node, urn:regional:mirror:&lt;name&gt; for a read-only
/// mirror node, urn:regional:client:&lt;region&gt;:&lt;department&gt;:&lt;role&gt;[:&lt;window&gt;]
/// for a caller, where the department belongs to the region (its name starts with "&lt;region&gt;-")
/// and the optional window names one service window of the department. Names are lower-case
/// letters, digits and '-' (1..32 characters); roles are <see cref="ClientRoles.All"/>.
/// </summary>
/// <remarks>A certificate must carry exactly one urn:regional: URI; one with none, two, or a malformed
/// one names nobody. Reading the identity does not validate the certificate: check its chain first.
/// Pure (it reads the certificate's extensions, nothing else) and thread-safe, so the nodes, the
/// CLI and relying parties apply the same rules.</remarks>
public static class CertificateIdentity
{
    /// <summary>The SAN URI prefix of a regional node's certificate.</summary>
    public const string NodePrefix = "urn:regional:node:";

    /// <summary>The SAN URI prefix of a caller's (client's) certificate.</summary>
    public const string ClientPrefix = "urn:regional:client:";

    /// <summary>The SAN URI prefix of a read-only mirror node's certificate.</summary>
    public const string MirrorPrefix = "urn:regional:mirror:";
    private const string Scheme = "urn:regional:";
    private const string SubjectAltNameOid = "2.5.29.17";
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>"urn:regional:node:bj" for region "bj".</summary>
    public static string NodeUri(string region) => NodePrefix + region;

    /// <summary>"urn:regional:mirror:mirror-1" for the mirror named "mirror-1".</summary>
    public static string MirrorUri(string name) => MirrorPrefix + name;

    /// <summary>"urn:regional:client:bj:bj-samr:issuer", with ":&lt;window&gt;" when a window is given.</summary>
    public static string ClientUri(string region, string department, string role, string? window = null) =>
        string.IsNullOrEmpty(window) ? $"{ClientPrefix}{region}:{department}:{role}" : $"{ClientPrefix}{region}:{department}:{role}:{window}";

    /// <summary>True when a department belongs to a region: "bj-samr" to "bj", never "tj-power" to "bj".</summary>
    public static bool IsDepartmentOf(string department, string region) =>
        IsName(department) && department.Length > region.Length + 1 && department.StartsWith(region + "-", StringComparison.Ordinal);

    /// <summary>True for a region or department name: [a-z0-9-]{1,32}, not starting or ending with '-'.</summary>
    public static bool IsName([NotNullWhen(true)] string? name) =>
        name is { Length: > 0 and <= 32 } && name[0] != '-' && name[^1] != '-'
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The region of a node certificate (urn:regional:node:&lt;region&gt;).</summary>
    public static bool TryNode(X509Certificate2 certificate, [NotNullWhen(true)] out string? region) =>
        TryNamed(certificate, NodePrefix, out region);

    /// <summary>The name of a read-only mirror node's certificate (urn:regional:mirror:&lt;name&gt;). A mirror
    /// is not a region node: it may read the logs, but not witness, relay or act on anyone's behalf.</summary>
    public static bool TryMirror(X509Certificate2 certificate, [NotNullWhen(true)] out string? name) =>
        TryNamed(certificate, MirrorPrefix, out name);

    /// <summary>The department and role of a caller's certificate (urn:regional:client:...).</summary>
    public static bool TryClient(X509Certificate2 certificate, [NotNullWhen(true)] out ClientIdentity? identity) =>
        (identity = ReadClient(certificate, out _)) is not null;

    /// <summary>The caller's identity, or null with the reason a urn:regional:client: URI names nobody
    /// (null problem: the certificate carries no client URI at all). A department of another region
    /// ("tj-power" in a bj certificate) is refused: a CA mistake must not let one region act as another.</summary>
    public static ClientIdentity? ReadClient(X509Certificate2 certificate, out string? problem)
    {
        problem = null;
        if (RegionalUri(certificate) is not { } uri || !uri.StartsWith(ClientPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var parts = uri[ClientPrefix.Length..].Split(':');
        if (parts.Length is not (3 or 4) || !IsName(parts[0]) || !IsName(parts[1]) || !ClientRoles.IsKnown(parts[2])
            || (parts.Length == 4 && !IsName(parts[3])))
        {
            problem = "MALFORMED_IDENTITY";
            return null;
        }
        if (!IsDepartmentOf(parts[1], parts[0]))
        {
            problem = "DEPARTMENT_OUTSIDE_REGION";
            return null;
        }
        return new ClientIdentity(parts[0], parts[1], parts[2], parts.Length == 4 ? parts[3] : "");
    }

    /// <summary>The name after <paramref name="prefix"/> in the certificate's only urn:regional: URI, when it is a valid name.</summary>
    private static bool TryNamed(X509Certificate2 certificate, string prefix, [NotNullWhen(true)] out string? name)
    {
        name = RegionalUri(certificate) is { } uri && uri.StartsWith(prefix, StringComparison.Ordinal) && IsName(uri[prefix.Length..])
            ? uri[prefix.Length..]
            : null;
        return name is not null;
    }

    /// <summary>The certificate's only urn:regional: URI, or null (none, several, or an unreadable SAN).</summary>
    private static string? RegionalUri(X509Certificate2 certificate)
    {
        var found = UrisOf(certificate).Where(u => u.StartsWith(Scheme, StringComparison.Ordinal)).Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>The uniformResourceIdentifier entries ([6] IA5String) of the subjectAltName's GeneralNames,
    /// whatever their scheme; empty when there is no SAN or it cannot be read. For messages that say what a
    /// certificate names.</summary>
    public static IReadOnlyList<string> UrisOf(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[SubjectAltNameOid];
        if (extension is null)
        {
            return [];
        }
        try
        {
            var uris = new List<string>();
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                if (names.PeekTag().HasSameClassAndValue(UriTag))
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
            return uris;
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException)
        {
            return [];
        }
    }
}
