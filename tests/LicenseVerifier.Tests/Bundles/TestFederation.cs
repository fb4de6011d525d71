using System.Collections.Concurrent;
using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Tests.Bundles;

/// <summary>
/// The keys of a three-region federation in one suite: per region an issuer key named for its
/// log's origin and a witness (cosignature) key. Generated once per suite and shared: keys are
/// immutable, and SM2 key generation is not free.
/// </summary>
internal sealed class TestFederation
{
    public static readonly string[] Regions = ["bj", "tj", "he"];

    private static readonly ConcurrentDictionary<string, TestFederation> _bySuite = new();

    private readonly Dictionary<string, NoteSigner> _issuers = [];
    private readonly Dictionary<string, NoteSigner> _witnesses = [];

    private TestFederation(Suite suite)
    {
        Suite = suite;
        foreach (var region in Regions)
        {
            _issuers[region] = NewIssuer(region);
            _witnesses[region] = NoteSigner.Create($"witness.regional.example/{region}", PrivateKey.Generate(suite.SignatureAlgorithm), NoteKeyKind.Cosignature);
        }
    }

    public Suite Suite { get; }

    public static TestFederation For(Suite suite) => _bySuite.GetOrAdd(suite.Name, _ => new TestFederation(suite));

    public static string OriginOf(string region) => $"regional.example/{region}";

    public NoteSigner Issuer(string region) => _issuers[region];

    public NoteSigner Witness(string region) => _witnesses[region];

    /// <summary>A fresh issuer key for the region's origin, e.g. the key a rotation takes over with.</summary>
    public NoteSigner NewIssuer(string region) => NoteSigner.Create(OriginOf(region), PrivateKey.Generate(Suite.SignatureAlgorithm));

    public TestLog NewLog(string region) => new(Suite, region, Issuer(region));

    /// <summary>The trusted log of a region with its current issuer key, or the keys given.</summary>
    public TrustedLog Trusted(string region, params NoteSigner[] issuerKeys) => new(
        region,
        OriginOf(region),
        [.. (issuerKeys.Length == 0 ? [Issuer(region)] : issuerKeys).Select(k => k.Verifier)],
        [Witness(region).Verifier]);

    /// <summary>A policy trusting all three regions, with the given quorum.</summary>
    public TrustPolicy Policy(int quorum) => new(Suite, Regions.Select(r => Trusted(r)), quorum);
}
