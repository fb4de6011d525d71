using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Federation.Transport;
using Regional.Node.Security;
using Regional.Node.Security.Certificates;
using Regional.Provisioning;
using Regional.Node.Configuration;

namespace Regional.Node.Operations;

/// <summary>
/// What <c>recover</c> works with, from the trust file and the data folder: the federation's trust,
/// which region this folder is (the one whose listed log key is the folder's keys/signing.key, or
/// --region), the peer to recover from (a region id or its endpoint), and mutual-TLS channels to peers
/// presenting the node's own certificate, built exactly as the node builds them.
/// </summary>
internal sealed class RecoverySetup
{
    private RecoverySetup(FederationTrust trust, RegionTrust self, RegionTrust source, PeerChannelFactory channels)
    {
        Trust = trust;
        Self = self;
        Source = source;
        Channels = channels;
    }

    public FederationTrust Trust { get; }

    public RegionTrust Self { get; }

    public RegionTrust Source { get; }

    public PeerChannelFactory Channels { get; }

    public static (RecoverySetup? Setup, string? Problem) Load(string dataFolder, string trustPath, string from, string? region, string? certificate, string? key)
    {
        var (file, error) = TrustFileStore.Read(trustPath);
        if (file is null)
        {
            return (null, error);
        }
        var (trust, problems) = TrustFileStore.Check(file, Path.GetDirectoryName(Path.GetFullPath(trustPath)));
        if (trust is null)
        {
            return (null, $"trust file {trustPath} is inconsistent: {string.Join("; ", problems)}");
        }
        var self = region is not null ? trust.Region(region) : BySigningKey(trust, dataFolder);
        if (self is null)
        {
            return (null, region is not null
                ? $"--region: no region '{region}' in {trustPath}"
                : $"no region of {trustPath} lists the log key in {Path.Combine(dataFolder, "keys", "signing.key")}; give --region (recovery needs the log's signing key to go on sealing)");
        }
        var source = trust.Region(from) ?? trust.Regions.FirstOrDefault(r => Uri.TryCreate(from, UriKind.Absolute, out var uri) && r.Endpoint == uri);
        if (source is null || source.Id == self.Id)
        {
            return (null, $"--from: got '{from}', want another region of the trust file or its endpoint ({string.Join(", ", trust.Regions.Where(r => r.Id != self.Id).Select(r => $"{r.Id} {r.Endpoint}"))})");
        }
        if (trust.CaCertificatePath is null)
        {
            return (null, $"trust file {trustPath} names no caCertificate: peers cannot be reached over mutual TLS");
        }
        var node = new NodeOptions
        {
            Region = self.Id,
            DataDirectory = dataFolder,
            CertificatePath = certificate ?? Path.Combine(dataFolder, "tls", TlsCertificateStore.CertificateFile),
            CertificateKeyPath = key ?? Path.Combine(dataFolder, "tls", TlsCertificateStore.KeyFile),
            CaCertificatePath = trust.CaCertificatePath,
        };
        if (!File.Exists(node.CertificatePath) || !File.Exists(node.CertificateKeyPath))
        {
            return (null, $"--cert/--key: no node certificate at {node.CertificatePath} and {node.CertificateKeyPath}");
        }
        var options = Options.Create(node);
        var credentials = new FederationCredentials(options, new TlsCertificateStore(options, TimeProvider.System, NullLogger<TlsCertificateStore>.Instance),
            NullLogger<FederationCredentials>.Instance);
        return (new RecoverySetup(trust, self, source, new PeerChannelFactory(credentials, NullLogger<PeerChannelFactory>.Instance)), null);
    }

    private static RegionTrust? BySigningKey(FederationTrust trust, string dataFolder)
    {
        var path = Path.Combine(dataFolder, "keys", "signing.key");
        if (!File.Exists(path))
        {
            return null;
        }
        var publicKey = KeyFile.Read(path, trust.Suite).PublicKey;
        return trust.Regions.FirstOrDefault(r => r.LogKeys.Any(k => k.VerifierKey == NoteVerifier.Create(r.Origin, publicKey).VerifierKey));
    }
}
