using System.Net;
using System.Net.Sockets;
using Regional.LicenseVerifier.Certificates;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;

namespace Regional.Cli.Cluster;

/// <summary>What `cluster mirror NAME` checks and makes before it starts a mirror: a name that is a
/// valid mirror name and no folder of the cluster's own, a free port, and (once) the mirror's
/// certificate from the cluster's development CA.</summary>
internal static class MirrorSetup
{
    /// <summary>Folders of the cluster folder that are not a node's data folder.</summary>
    private static readonly string[] Reserved = ["ca", "clients", "logs"];

    /// <summary>Why NAME cannot name a mirror of this cluster, or null. The rule is the node's
    /// (Node:MirrorName): lower-case letters, digits and '-', 1..32, not starting or ending with '-'.</summary>
    public static string? NameProblem(string name, TrustFile trust)
    {
        if (!CertificateIdentity.IsName(name))
        {
            return $"NAME: got '{name}', want a mirror name such as mirror-1 (lower-case letters, digits and '-', at most 32, not starting or ending with '-')";
        }
        if (trust.Regions.Any(r => r.Id == name) || Reserved.Contains(name))
        {
            return $"NAME: '{name}' is a folder of the cluster itself; choose another, e.g. mirror-1";
        }
        return null;
    }

    /// <summary>Issues the mirror's certificate and key (0600) into NAME/tls/ unless both exist; true when made.</summary>
    public static bool EnsureCertificate(ClusterLayout layout, string name)
    {
        var (certificate, key) = (layout.MirrorCertificate(name), layout.MirrorKey(name));
        if (File.Exists(certificate) && File.Exists(key))
        {
            return false;
        }
        if (File.Exists(certificate) || File.Exists(key))
        {
            throw new CliException($"{Path.GetDirectoryName(certificate)} holds only one of mirror.crt and mirror.key: remove it to issue both afresh", ExitCodes.Negative);
        }
        var now = DateTimeOffset.UtcNow;
        using var ca = DevelopmentCa.Load(layout.CaCertificate, layout.CaKey);
        using var issued = ca.IssueMirror(name, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback], now);
        DevelopmentCa.SavePem(issued, certificate, key);
        return true;
    }

    /// <summary>True when nothing listens on 127.0.0.1:port (so a mirror can).</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
