using Regional.LicenseVerifier.Certificates;

namespace Regional.Node.Configuration;

/// <summary>What a node is (Node:Mode): a region's node, or a read-only mirror node, and what each needs.
/// The services of each mode are wired in Hosting (<c>NodeMode</c>).</summary>
internal static class NodeModes
{
    public const string Region = "region";
    public const string Mirror = "mirror";

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
