using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Node.Security;
using Regional.Provisioning;
using Regional.Node.Configuration;
using Regional.Node.Errors;

namespace Regional.Node.Federation;

/// <summary>
/// This node's place in the federation: the checked trust file, its own region's entry, its
/// peers, and its witness signer. Built once at start-up; an inconsistent trust file, or one that
/// does not list this node's own keys, stops the node with a message saying what is wrong.
/// </summary>
internal sealed class FederationContext
{
    private readonly RegionTrust? _self;
    private readonly NoteSigner? _witness;

    private FederationContext(FederationTrust trust, RegionTrust? self, NoteSigner? witness, string? mirrorName = null)
    {
        Trust = trust;
        NodeName = self?.Id ?? mirrorName ?? "mirror";
        _self = self;
        _witness = witness;
        Peers = [.. trust.Regions.Where(r => r.Id != self?.Id)];
    }

    public FederationTrust Trust { get; }

    /// <summary>How spans and logs name this node: its region, or a read-only mirror's name.</summary>
    public string NodeName { get; }

    /// <exception cref="InvalidOperationException">On a read-only mirror node, which is no region.</exception>
    public RegionTrust Self => _self ?? throw new InvalidOperationException("a read-only mirror node has no region of its own");

    /// <summary>Every other region; on a read-only mirror node, every region.</summary>
    public IReadOnlyList<RegionTrust> Peers { get; }

    /// <summary>This node's witness key, named "&lt;origin&gt;/witness".</summary>
    /// <exception cref="InvalidOperationException">On a read-only mirror node, which witnesses nothing.</exception>
    public NoteSigner Witness => _witness ?? throw new InvalidOperationException("a read-only mirror node witnesses nothing");

    /// <summary>The federation as a read-only mirror node sees it: every region is a peer to follow;
    /// it has no region, log key or witness key of its own to check against the file.</summary>
    /// <exception cref="NodeStartupException">No trust file is configured, or it is missing or inconsistent.</exception>
    public static FederationContext ForMirror(string? trustFilePath, Suite suite, string mirrorName)
    {
        if (string.IsNullOrWhiteSpace(trustFilePath))
        {
            throw new NodeStartupException("Federation:TrustFile: unset with Node:Mode mirror, want the federation's trust file: a mirror follows the regions it lists");
        }
        var trust = Check(trustFilePath);
        if (trust.Suite != suite)
        {
            throw new NodeStartupException($"trust file {trustFilePath}: suite {trust.Suite.Name}, this node runs {suite.Name} (Node:Suite)");
        }
        return new FederationContext(trust, null, null, mirrorName);
    }

    /// <summary>Loads and checks the trust file against this node's own identity and keys.</summary>
    /// <exception cref="NodeStartupException">The file is missing, inconsistent, or does not match this node.</exception>
    public static FederationContext Load(string trustFilePath, NodeOptions node, Suite suite, NoteSigner logSigner, PrivateKey witnessKey)
    {
        var trust = Check(trustFilePath);
        var self = trust.Region(node.Region!)
            ?? throw new NodeStartupException($"trust file {trustFilePath}: no region '{node.Region}', this node's region");
        var witness = NoteSigner.Create($"{node.Origin}/witness", witnessKey, NoteKeyKind.Cosignature);
        var mismatches = new List<string>();
        if (trust.Suite != suite)
        {
            mismatches.Add($"suite: the trust file says {trust.Suite.Name}, this node runs {suite.Name}");
        }
        if (self.Origin != node.Origin)
        {
            mismatches.Add($"regions[{self.Id}].origin: the trust file says '{self.Origin}', this node's Node:Origin is '{node.Origin}'");
        }
        if (!self.LogKeys.Any(k => k.VerifierKey == logSigner.Verifier.VerifierKey))
        {
            mismatches.Add($"regions[{self.Id}].logKeys: this node's log key {logSigner.Verifier.VerifierKey} is not listed"
                + " (after rotate-key: list the new key in logKeys and move the old one to retiredLogKeys)");
        }
        if (!self.WitnessKeys.Any(k => k.VerifierKey == witness.Verifier.VerifierKey))
        {
            mismatches.Add($"regions[{self.Id}].witnessKeys: this node's witness key {witness.Verifier.VerifierKey} is not listed");
        }
        if (mismatches.Count > 0)
        {
            throw new NodeStartupException($"trust file {trustFilePath} does not match this node:\n  " + string.Join("\n  ", mismatches));
        }
        return new FederationContext(trust, self, witness);
    }

    private static FederationTrust Check(string trustFilePath)
    {
        var (file, error) = TrustFileStore.Read(trustFilePath);
        if (file is null)
        {
            throw new NodeStartupException(error!);
        }
        var (trust, problems) = TrustFileStore.Check(file, Path.GetDirectoryName(Path.GetFullPath(trustFilePath)));
        return trust ?? throw new NodeStartupException($"trust file {trustFilePath} is inconsistent:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Resolves the federation from options; null when no trust file is configured.</summary>
    public static FederationContext? FromOptions(IServiceProvider services)
    {
        var federation = services.GetRequiredService<IOptions<FederationOptions>>().Value;
        if (string.IsNullOrWhiteSpace(federation.TrustFile))
        {
            return null;
        }
        var node = services.GetRequiredService<IOptions<NodeOptions>>().Value;
        var witnessPath = federation.WitnessKeyPath ?? Path.Combine(node.DataDirectory!, "keys", "witness.key");
        var witnessKey = services.GetRequiredService<SigningKeyStore>().LoadOrCreate(witnessPath);
        return Load(federation.TrustFile, node, services.GetRequiredService<Suite>(), services.GetRequiredService<NoteSigner>(), witnessKey);
    }
}
