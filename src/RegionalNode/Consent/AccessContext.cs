using Grpc.Core;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Errors;
using Regional.Node.Security;
using Regional.Node.Security.Authorization;
using Regional.Node.Configuration;

namespace Regional.Node.Consent;

/// <summary>
/// On whose behalf content is accessed: the relying department and role, the clerk (the client
/// certificate's common name), the service window the certificate names (vouched for by the CA), the
/// place the caller declared (the "x-regional-place" header: recorded as declared, never trusted), and
/// the region where the clerk sits. For a caller, the identity comes from its certificate; for a call
/// relayed by another region's node, from the "x-regional-on-behalf-of" header, which is trusted only
/// from a region node and only for a department of that node's own region.
/// </summary>
internal sealed record AccessContext(string Department, string Role, string Clerk, string Window, string Place, string RequestingRegion)
{
    public const string OnBehalfOfHeader = "x-regional-on-behalf-of";
    public const string PlaceHeader = "x-regional-place";

    /// <summary>The reason a relaying node is refused for claiming a department that is not its region's.</summary>
    public const string RelayOutsideRegion = "RELAY_OUTSIDE_REGION";

    /// <summary>The access context of the call, or null when the caller names no department (no identity,
    /// or a region node relaying without the header).</summary>
    /// <exception cref="NodeException">INVALID_ARGUMENT for a place, clerk name or header that is not bounded
    /// clean text; PERMISSION_DENIED (<see cref="RelayOutsideRegion"/>) when a node claims a department of
    /// another region, and ROLE_NOT_ALLOWED for roles that never see content (auditors, the holders' app).</exception>
    public static AccessContext? Of(ServerCallContext context, string ownRegion)
    {
        var caller = Caller.Of(context);
        var violations = new FieldViolations();
        var place = Unescape(context.RequestHeaders.GetValue(PlaceHeader));
        InputRules.Text(violations, PlaceHeader, place);
        AccessContext? access = null;
        if (caller.Client is { } client)
        {
            var clerk = CommonName(caller.Subject);
            InputRules.Text(violations, "client certificate CN", clerk, required: true);
            access = new AccessContext(client.Department, client.Role, clerk, client.Window, place, ownRegion);
        }
        else if (caller.NodeRegion is { } region && context.RequestHeaders.GetValue(OnBehalfOfHeader) is { } behalf)
        {
            access = Relayed(behalf, region, ownRegion, place, violations);
        }
        violations.ThrowIfAny();
        if (access is not null && access.Role is not (ClientRoles.Issuer or ClientRoles.Clerk))
        {
            throw NodeException.PermissionDenied("ROLE_NOT_ALLOWED",
                $"a licence's content (download, fact check, holder query) is seen by the issuer and clerk roles only; the caller has the role {access.Role}");
        }
        return access;
    }

    /// <summary>The context a region node relays: "department:role:clerk[:window]", the clerk escaped.</summary>
    private static AccessContext? Relayed(string behalf, string nodeRegion, string ownRegion, string place, FieldViolations violations)
    {
        var parts = behalf.Split(':');
        if (parts.Length is not (3 or 4) || behalf.Length > 512)
        {
            violations.Got(OnBehalfOfHeader, behalf, "department:role:clerk[:window]");
            return null;
        }
        var (department, role, clerk, window) = (parts[0], parts[1], Unescape(parts[2]), parts.Length == 4 ? parts[3] : "");
        if (nodeRegion == ownRegion || !CertificateIdentity.IsDepartmentOf(department, nodeRegion))
        {
            throw NodeException.PermissionDenied(RelayOutsideRegion,
                $"the node of region {nodeRegion} relayed a request on behalf of '{FieldViolations.Quote(department)}': a node relays for departments of its own region only");
        }
        InputRules.Text(violations, OnBehalfOfHeader + " clerk", clerk, required: true);
        InputRules.Window(violations, OnBehalfOfHeader + " window", window);
        return new AccessContext(department, role, clerk, window, place, nodeRegion);
    }

    /// <summary>The headers a relaying node sends so the issuing region records this context.</summary>
    public Metadata ToHeaders()
    {
        var behalf = $"{Department}:{Role}:{Uri.EscapeDataString(Clerk)}";
        return new()
        {
            { OnBehalfOfHeader, Window.Length > 0 ? $"{behalf}:{Window}" : behalf },
            { PlaceHeader, Uri.EscapeDataString(Place) },
        };
    }

    /// <summary>The person's name (CN) from a certificate subject, or the whole subject.</summary>
    private static string CommonName(string subject)
    {
        try
        {
            return new System.Security.Cryptography.X509Certificates.X500DistinguishedName(subject).EnumerateRelativeDistinguishedNames()
                .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.3")
                .Select(rdn => rdn.GetSingleElementValue())
                .FirstOrDefault(name => !string.IsNullOrWhiteSpace(name)) ?? subject;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return subject;
        }
    }

    private static string Unescape(string? value)
    {
        try
        {
            return value is null ? "" : Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value ?? "";
        }
    }
}
