using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;

namespace Regional.Provisioning;

/// <summary>
/// Prepares one region for a federation before its node first starts: its log signing key and
/// its witness key in the node's data folder (mode 0600, made once, reused after), and the trust
/// file entry that lists them. Used by <c>regional cluster up</c>, the benchmarks and the tests,
/// so every federation is set up the same way.
/// </summary>
/// <remarks>Stateless; safe to call again: existing keys are kept and listed.</remarks>
public static class RegionSetup
{
    /// <summary>The log's origin line for a region under the development naming.</summary>
    public static string Origin(string region) => $"regional.example/{region}";

    /// <summary>Makes (or loads) the region's keys under <paramref name="dataDirectory"/>/keys and
    /// returns its trust file entry; <paramref name="made"/> hears of every file created.</summary>
    /// <exception cref="FederationFileException">A key file there is unsafe, malformed or of another suite.</exception>
    public static TrustFileRegion Ensure(string region, string name, string endpoint, string dataDirectory, Suite suite, Action<string>? made = null)
    {
        var origin = Origin(region);
        var log = EnsureKey(Path.Combine(dataDirectory, "keys", "signing.key"), suite, made);
        var witness = EnsureKey(Path.Combine(dataDirectory, "keys", "witness.key"), suite, made);
        return new TrustFileRegion
        {
            Id = region,
            Name = name,
            Endpoint = endpoint,
            Origin = origin,
            LogKeys = [NoteVerifier.Create(origin, log.PublicKey).VerifierKey],
            WitnessKeys = [NoteVerifier.Create($"{origin}/witness", witness.PublicKey, NoteKeyKind.Cosignature).VerifierKey],
        };
    }

    private static PrivateKey EnsureKey(string path, Suite suite, Action<string>? made)
    {
        if (!File.Exists(path))
        {
            OwnerOnlyFile.WriteNew(path, KeyFile.Format(PrivateKey.Generate(suite.SignatureAlgorithm)));
            made?.Invoke(path);
        }
        return KeyFile.Read(path, suite, "key");
    }
}
