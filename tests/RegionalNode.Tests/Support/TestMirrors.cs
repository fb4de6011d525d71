using System.Net;
using Regional.Provisioning;

namespace Regional.Node.Tests.Support;

/// <summary>Read-only mirror nodes beside a <see cref="TestFederation"/>: each a <see cref="TestNode"/> in
/// mirror mode, with a mirror certificate (urn:regional:mirror:&lt;name&gt;) from the federation's CA and
/// its trust file. Callers need their own client certificate (the node's default channel has none).</summary>
internal static class TestMirrors
{
    /// <summary>Starts a mirror named name (e.g. "mirror-1") that follows every region of the federation; on the
    /// PostgreSQL database of <paramref name="postgres"/> when given, else SQLite in its data folder.</summary>
    public static async Task<TestNode> StartAsync(TestFederation federation, string name, string? postgres = null)
    {
        var certificatePath = Path.Combine(federation.Folder, $"{name}.crt");
        var keyPath = Path.Combine(federation.Folder, $"{name}.key");
        if (!File.Exists(certificatePath))
        {
            using var certificate = federation.Ca.Authority.IssueMirror(name, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback], DateTimeOffset.UtcNow);
            DevelopmentCa.SavePem(certificate, certificatePath, keyPath);
        }
        var node = TestNode.Create(new TestNodeOptions
        {
            Region = name,
            Suite = federation.SuiteName,
            Clock = TimeProvider.System,
            Settings = new Dictionary<string, string>
            {
                ["Node:Mode"] = "mirror",
                ["Node:MirrorName"] = name,
                ["Node:Region"] = "",
                ["Node:CertificatePath"] = certificatePath,
                ["Node:CertificateKeyPath"] = keyPath,
                ["Node:CaCertificatePath"] = federation.Ca.CertificatePath,
                ["Federation:TrustFile"] = federation.TrustFilePath,
                ["Federation:ReconnectMs"] = "100",
                ["Storage:Engine"] = postgres is null ? "sqlite" : "postgres",
                ["Storage:ConnectionString"] = postgres ?? "",
            },
        });
        try
        {
            await node.StartAsync();
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }
}
