using Regional.LicenseVerifier.Bundles;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;

namespace Regional.LicenseVerifier.Trust;

/// <summary>One region as the federation trusts it: parsed, checked keys.</summary>
/// <param name="Id">The region id, e.g. "bj".</param>
/// <param name="Name">The region's name for people.</param>
/// <param name="Endpoint">The region node's gRPC endpoint.</param>
/// <param name="Origin">The log's origin line.</param>
/// <param name="LogKeys">The log's current signature keys, named for the origin.</param>
/// <param name="WitnessKeys">The region's witness (cosignature) keys.</param>
/// <remarks>Immutable; built by <see cref="FederationTrust.Check"/>.</remarks>
public sealed record RegionTrust(string Id, string Name, Uri Endpoint, string Origin, IReadOnlyList<NoteVerifier> LogKeys, IReadOnlyList<NoteVerifier> WitnessKeys)
{
    /// <summary>Keys the log retired, oldest first, each bounded by the last tree size it signed.</summary>
    public IReadOnlyList<RetiredKey> RetiredLogKeys { get; init; } = [];
}

/// <summary>
/// The checked trust file: the suite, the witness quorum and every region's endpoint, origin and
/// keys. Built only by <see cref="Check"/>, which refuses an inconsistent file and says what is wrong.
/// </summary>
/// <remarks>Immutable and thread-safe. The same checks hold for a node, the CLI and a relying party
/// that loads the trust file offline.</remarks>
public sealed class FederationTrust
{
    private FederationTrust(Suite suite, int quorum, IReadOnlyList<RegionTrust> regions, string? caCertificatePath, TimeSpan maxStatusAge)
    {
        Suite = suite;
        WitnessQuorum = quorum;
        Regions = regions;
        CaCertificatePath = caCertificatePath;
        Policy = new TrustPolicy(suite, regions.Select(r => new TrustedLog(r.Id, r.Origin, r.LogKeys, r.WitnessKeys) { RetiredIssuerKeys = r.RetiredLogKeys }), quorum)
        {
            MaxStatusAge = maxStatusAge,
        };
    }

    /// <summary>The federation's suite.</summary>
    public Suite Suite { get; }

    /// <summary>Cosignatures from other regions a checkpoint needs.</summary>
    public int WitnessQuorum { get; }

    /// <summary>Every region, in the file's order.</summary>
    public IReadOnlyList<RegionTrust> Regions { get; }

    /// <summary>The federation CA certificate: where the caller of <see cref="Check"/> located the
    /// file's caCertificate, or the path as written when it located nothing; null when the file names none.</summary>
    public string? CaCertificatePath { get; }

    /// <summary>The same trust as LicenseVerifier's offline policy.</summary>
    public TrustPolicy Policy { get; }

    /// <summary>The region with that id, or null.</summary>
    public RegionTrust? Region(string id) => Regions.FirstOrDefault(r => r.Id == id);

    /// <summary>The region whose log has that origin, or null.</summary>
    public RegionTrust? ByOrigin(string origin) => Regions.FirstOrDefault(r => r.Origin == origin);

    /// <summary>Checks a trust file: every problem found is listed, none is silently fixed.</summary>
    /// <param name="file">The file as parsed by <see cref="TrustFile.Parse"/>.</param>
    /// <param name="locateCaCertificate">Where the file's caCertificate (a path relative to the trust
    /// file) is, and whether a file is there: the caller's file system, kept out of this library.
    /// Null: the path is kept as written and not checked (a relying party that only checks bundles).</param>
    /// <returns>The trust and no problems, or null and every problem, each naming its field.</returns>
    public static (FederationTrust? Trust, IReadOnlyList<string> Problems) Check(TrustFile file,
        Func<string, (string Path, bool Exists)>? locateCaCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<string>();
        var suite = Suite.FromName(file.Suite);
        if (suite is null)
        {
            problems.Add($"suite: got '{file.Suite}', want gm or intl");
        }
        if (file.Regions.Count == 0)
        {
            problems.Add("regions: empty, want every region of the federation");
        }
        if (file.WitnessQuorum < 0 || file.WitnessQuorum > Math.Max(0, file.Regions.Count - 1))
        {
            problems.Add($"witnessQuorum: got {file.WitnessQuorum}, want 0 to {Math.Max(0, file.Regions.Count - 1)} (cosignatures come from the other regions)");
        }
        var maxStatusAge = file.MaxStatusAge is null ? StatusAge.Default : StatusAge.Parse(file.MaxStatusAge);
        if (maxStatusAge is null)
        {
            problems.Add($"maxStatusAge: got '{file.MaxStatusAge}', want a whole number and a unit, e.g. 24h, 90m, 7d");
        }
        Duplicates(file.Regions.Select(r => r.Id), "id", problems);
        Duplicates(file.Regions.Select(r => r.Origin), "origin", problems);
        Duplicates(file.Regions.Select(r => r.Endpoint), "endpoint", problems);
        var regions = new List<RegionTrust>();
        foreach (var region in file.Regions)
        {
            if (CheckRegion(region, suite, problems) is { } checkedRegion)
            {
                regions.Add(checkedRegion);
            }
        }
        var ca = file.CaCertificate;
        if (ca is not null && locateCaCertificate is not null)
        {
            (ca, var exists) = locateCaCertificate(ca);
            if (!exists)
            {
                problems.Add($"caCertificate: no file at {ca}");
            }
        }
        return problems.Count > 0 ? (null, problems) : (new FederationTrust(suite!, file.WitnessQuorum, regions, ca, maxStatusAge!.Value), problems);
    }

    private static RegionTrust? CheckRegion(TrustFileRegion region, Suite? suite, List<string> problems)
    {
        var at = $"regions[{region.Id}]";
        var before = problems.Count;
        if (!LicenseId.IsRegionId(region.Id))
        {
            problems.Add($"{at}.id: got '{region.Id}', want 2 to 8 lower-case letters, e.g. bj (its licence ids begin BJ-)");
        }
        if (!Uri.TryCreate(region.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
        {
            problems.Add($"{at}.endpoint: got '{region.Endpoint}', want https://host:port");
        }
        if (string.IsNullOrWhiteSpace(region.Origin))
        {
            problems.Add($"{at}.origin: empty, want the log's origin line, e.g. regional.example/{region.Id}");
        }
        var logKeys = Keys(region.LogKeys, $"{at}.logKeys", NoteKeyKind.Signature, suite, problems);
        var witnessKeys = Keys(region.WitnessKeys, $"{at}.witnessKeys", NoteKeyKind.Cosignature, suite, problems);
        if (logKeys.Count == 0)
        {
            problems.Add($"{at}.logKeys: empty, want the log's verifier key");
        }
        foreach (var key in logKeys.Where(k => k.Name != region.Origin))
        {
            problems.Add($"{at}.logKeys: key '{key.Name}' is not named for the origin '{region.Origin}'");
        }
        var retired = RetiredKeys(region, logKeys, suite, problems);
        return problems.Count > before ? null
            : new RegionTrust(region.Id, region.Name, endpoint!, region.Origin, logKeys, witnessKeys) { RetiredLogKeys = retired };
    }

    /// <summary>Retired keys: named for the origin, not also current, in rotation order (sizes increasing).</summary>
    private static List<RetiredKey> RetiredKeys(TrustFileRegion region, List<NoteVerifier> logKeys, Suite? suite, List<string> problems)
    {
        var at = $"regions[{region.Id}].retiredLogKeys";
        var retired = new List<RetiredKey>();
        foreach (var item in region.RetiredLogKeys ?? [])
        {
            var key = Keys([item.Key], at, NoteKeyKind.Signature, suite, problems).SingleOrDefault();
            if (key is null)
            {
                continue;
            }
            if (key.Name != region.Origin)
            {
                problems.Add($"{at}: key '{key.Name}' is not named for the origin '{region.Origin}'");
            }
            if (logKeys.Any(k => k.VerifierKey == key.VerifierKey))
            {
                problems.Add($"{at}: {key.VerifierKey} is also in logKeys; a retired key belongs in retiredLogKeys only");
            }
            if (retired.Count > 0 && item.LastTreeSize <= retired[^1].LastTreeSize)
            {
                problems.Add($"{at}: lastTreeSize {item.LastTreeSize} after {retired[^1].LastTreeSize}; list the retired keys oldest first");
            }
            retired.Add(new RetiredKey(key, item.LastTreeSize));
        }
        return retired;
    }

    private static List<NoteVerifier> Keys(IReadOnlyList<string> texts, string at, NoteKeyKind kind, Suite? suite, List<string> problems)
    {
        var keys = new List<NoteVerifier>();
        foreach (var text in texts)
        {
            if (!NoteVerifier.TryParse(text, out var key, out var error))
            {
                problems.Add($"{at}: '{text}': {error}");
            }
            else if (key!.Kind != kind)
            {
                problems.Add($"{at}: '{key.Name}' is a {key.Kind} key, want a {kind} key");
            }
            else if (suite is not null && key.PublicKey.Algorithm != suite.SignatureAlgorithm)
            {
                problems.Add($"{at}: '{key.Name}' is {key.PublicKey.Algorithm}, want {suite.SignatureAlgorithm} for suite {suite.Name}");
            }
            else
            {
                keys.Add(key);
            }
        }
        return keys;
    }

    private static void Duplicates(IEnumerable<string> values, string what, List<string> problems)
    {
        foreach (var value in values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"regions: {what} '{value}' appears more than once");
        }
    }
}
