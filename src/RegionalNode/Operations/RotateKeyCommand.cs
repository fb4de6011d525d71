using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Ledger;
using Regional.Node.Security;
using Regional.Node.Storage;
using Regional.Node.Configuration;
using Regional.Node.Errors;

namespace Regional.Node.Operations;

/// <summary>
/// <c>dotnet Regional.Node.dll rotate-key --region bj --data &lt;dir&gt; [node options]</c>: the key
/// ceremony, run while the node is stopped. Reads the same options as the node (so the same
/// data folder, suite and key path), refuses when something answers on the node's listen address,
/// rotates (see <see cref="KeyRotationCeremony"/>) and prints what to put in the trust file.
/// </summary>
internal static class RotateKeyCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new ConfigurationBuilder().AddNodeConfiguration(args).Build();
        var options = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
        new NodeOptionsDefaults().PostConfigure(null, options);
        var suite = Suite.FromName(options.Suite);
        if (NodeRegion.Find(options.Region) is null || suite is null)
        {
            error.WriteLine($"rotate-key: --region: got '{options.Region}', want {NodeRegion.Format}; --suite: got '{options.Suite}', want gm or intl");
            return 2;
        }
        var databasePath = Path.Combine(options.DataDirectory!, "ledger.db");
        if (!File.Exists(databasePath) || !File.Exists(options.SigningKeyPath))
        {
            error.WriteLine($"rotate-key: no ledger at {databasePath} or no signing key at {options.SigningKeyPath}: start the node once before rotating its key");
            return 2;
        }
        if (IsListening(options.Listen))
        {
            error.WriteLine($"rotate-key: something answers on {options.Listen}, the node's listen address: stop the node first (rotation is an offline key ceremony)");
            return 2;
        }
        try
        {
            using var session = new Database(databasePath).Open();
            var log = OwnLog.Open(session, suite, options.Region!, options.Origin!);
            var keys = new SigningKeyStore(Options.Create(options), suite, NullLogger<SigningKeyStore>.Instance);
            var result = KeyRotationCeremony.Rotate(session, log, keys, options.SigningKeyPath!, TimeProvider.System.GetUtcNow());
            Report(output, log.Origin, options.Region!, result);
            return 0;
        }
        catch (Exception ex) when (ex is NodeStartupException or InvalidOperationException or IOException or Errors.NodeException or System.Data.Common.DbException)
        {
            error.WriteLine($"rotate-key: {ex.Message}; the log is unchanged");
            return 1;
        }
    }

    private static void Report(TextWriter output, string origin, string region, RotationResult result)
    {
        output.WriteLine($"Rotated the signing key of {origin} in block {result.Height} (tree size {result.TreeSize}).");
        output.WriteLine($"  retired key: {result.PreviousKey.VerifierKey} (signed up to tree size {result.TreeSize})");
        output.WriteLine($"  new key:     {result.NewKey.VerifierKey}");
        output.WriteLine($"  key file:    {result.KeyFile} (mode 0600; back it up with the ceremony's records)");
        output.WriteLine($"Distribute the new key: in the trust file, region \"{region}\" becomes");
        output.WriteLine($"  \"logKeys\": [\"{result.NewKey.VerifierKey}\"],");
        output.WriteLine($"  \"retiredLogKeys\": [ ...earlier retired keys..., {{ \"key\": \"{result.PreviousKey.VerifierKey}\", \"lastTreeSize\": {result.TreeSize} }} ]");
        output.WriteLine("Then start the node: it signs with the new key. Peers' mirrors and witnesses follow the rotation from the log;");
        output.WriteLine("relying parties must update their trust file to verify checkpoints after this size.");
    }

    /// <summary>Whether a TCP connection to the listen address succeeds (a running node).</summary>
    private static bool IsListening(string? listen)
    {
        if (!ListenAddress.TryParse(listen, out var address) || address.Port == 0)
        {
            return false;
        }
        var target = address.Address is null || address.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : address.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : address.Address;
        using var client = new TcpClient(target.AddressFamily);
        try
        {
            return client.ConnectAsync(target, address.Port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
