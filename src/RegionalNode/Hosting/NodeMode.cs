using Regional.LicenseVerifier.Certificates;
using Regional.Node.Federation;
using Regional.Node.Ledger;
using Regional.Node.Mirror;

namespace Regional.Node.Hosting;

/// <summary>
/// The one place where the two kinds of node part ways (Node:Mode). A "region" node writes its
/// region's log and mirrors and witnesses the others; a "mirror" node is the same binary, read-only:
/// it follows every region's log, verifies every block, serves verification and status, and refuses
/// writes (see Mirror/ and docs/mirrors.md). Everything else (hosting, TLS, gRPC, errors) is shared.
/// </summary>
internal static class NodeMode
{
    public const string Region = "region";
    public const string Mirror = "mirror";

    /// <summary>Whether the configuration asks for a mirror node.</summary>
    public static bool IsMirror(IConfiguration configuration) =>
        configuration[$"{NodeOptions.Section}:{nameof(NodeOptions.Mode)}"] == Mirror;

    /// <summary>The services of the node's mode: the own log, licences and federation of a region,
    /// or the followers and read-only services of a mirror.</summary>
    public static IServiceCollection AddNodeMode(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsMirror(configuration))
        {
            return services.AddMirrorNode();
        }
        services.AddLedger();
        services.AddFederation(configuration);
        return services;
    }

    /// <summary>The gRPC services of the node's mode.</summary>
    public static WebApplication MapNodeMode(this WebApplication app) =>
        IsMirror(app.Configuration) ? app.MapMirrorNode() : app.MapLedger();

    /// <summary>The settings a mirror needs; a mirror is named, trusts the federation CA, and has no region.</summary>
    public static void CheckMirror(NodeOptions options, List<string> failures)
    {
        if (!CertificateIdentity.IsName(options.MirrorName))
        {
            failures.Add($"Node:MirrorName: got '{options.MirrorName}', want a name such as mirror-1 "
                + "(lower-case letters, digits, '-'; --mirror-name or REGIONAL_Node__MirrorName)");
        }
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add($"Node:Region: got '{options.Region}' with Node:Mode {Mirror}, want it unset: "
                + "a mirror writes no region's log and follows all of them");
        }
        if (string.IsNullOrEmpty(options.CaCertificatePath))
        {
            failures.Add($"Node:CaCertificatePath: unset with Node:Mode {Mirror}, want the federation CA: the regions "
                + $"give their blocks only to callers with a certificate it issued ({CertificateIdentity.MirrorPrefix}<name>)");
        }
    }
}
