using System.CommandLine;
using Google.Protobuf;
using Regional.Cli.Cluster;
using Regional.LicenseVerifier.Trust;
using Regional.V1;

namespace Regional.Cli.Commands;

/// <summary>What the bundle commands share: the licence file argument, the trust file option, and reading a
/// downloaded licence (or a bare proof bundle) from protobuf JSON.</summary>
internal static class BundleFile
{
    public static Argument<FileInfo> Argument() => new("FILE") { Description = "A file written by `regional license download` (or a ProofBundle as protobuf JSON)." };

    public static Option<FileInfo?> TrustOption(string purpose) => new("--trust") { Description = $"The federation's trust file{purpose}. Default: <cluster>/trust.json." };

    /// <summary>The trust file the option names, else the cluster's.</summary>
    public static FederationTrust Trust(Invocation invocation, Option<FileInfo?> option) =>
        Connection.TrustLookup.Load(invocation.Value(option)?.FullName ?? new ClusterLayout(invocation.ClusterDirectory).TrustFile);

    /// <summary>A downloaded licence (its proof and fields) or a bare proof bundle.</summary>
    public static (ProofBundle Bundle, IReadOnlyList<DisclosedField> Disclosed) Read(string json)
    {
        try
        {
            var download = JsonParser.Default.Parse<DownloadLicenseResponse>(json);
            if (download.Proof is not null)
            {
                return (download.Proof, download.Document?.Fields.ToList() ?? []);
            }
        }
        catch (InvalidProtocolBufferException)
        {
            // Not a download: perhaps a bare proof bundle.
        }
        try
        {
            return (JsonParser.Default.Parse<ProofBundle>(json), []);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new CliException($"FILE: not a downloaded licence or proof bundle (protobuf JSON): {ex.Message}", ExitCodes.Negative);
        }
    }
}
