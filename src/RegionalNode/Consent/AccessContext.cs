using Grpc.Core;
using Regional.Node.Security.Authorization;

namespace Regional.Node.Consent;

/// <summary>
/// On whose behalf content is accessed: the relying department and role, the clerk (the client
/// certificate's subject), the place (service hall) and the region where the clerk sits. For a call
/// from a caller, all of it comes from its certificate (place from the "x-regional-place" header);
/// for a call relayed by another region's node, from the "x-regional-on-behalf-of" and
/// "x-regional-place" headers, which are trusted only from a region node.
/// </summary>
internal sealed record AccessContext(string Department, string Role, string Clerk, string Place, string RequestingRegion)
{
    public const string OnBehalfOfHeader = "x-regional-on-behalf-of";
    public const string PlaceHeader = "x-regional-place";

    /// <summary>The access context of the call, or null when the caller names no department (a
    /// node relaying without the header, or no identity at all).</summary>
    public static AccessContext? Of(ServerCallContext context, string ownRegion)
    {
        var caller = Caller.Of(context);
        var place = Unescape(context.RequestHeaders.GetValue(PlaceHeader));
        if (caller.Client is { } client)
        {
            return new AccessContext(client.Department, client.Role, CommonName(caller.Subject), place, ownRegion);
        }
        if (caller.NodeRegion is { } region && context.RequestHeaders.GetValue(OnBehalfOfHeader) is { } behalf)
        {
            var parts = behalf.Split(':', 3);
            return parts.Length == 3 ? new AccessContext(parts[0], parts[1], Unescape(parts[2]), place, region) : null;
        }
        return null;
    }

    /// <summary>The headers a relaying node sends so the issuing region records this context.</summary>
    public Metadata ToHeaders() => new()
    {
        { OnBehalfOfHeader, $"{Department}:{Role}:{Uri.EscapeDataString(Clerk)}" },
        { PlaceHeader, Uri.EscapeDataString(Place) },
    };

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
