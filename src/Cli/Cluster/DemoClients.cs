namespace Regional.Cli.Cluster;

/// <summary>A client certificate made for the demo cluster: a department of a region in a role.</summary>
internal sealed record DemoClient(string Name, string Region, string Department, string Role, string SubjectName);

/// <summary>The demo departments and clerks `cluster up` issues certificates to, and which one the
/// CLI presents by default to each region's node. A region beyond bj, tj and he (a district node such as hd, a new
/// member such as xa) gets an issuer of its market supervision (owner of the starter business licence), a clerk of its
/// government service centre and its holders' app.</summary>
internal static class DemoClients
{
    public static readonly IReadOnlyList<DemoClient> Founding =
    [
        new("bj-samr-issuer", "bj", "bj-samr", "issuer", "北京市市场监督管理局 Beijing SAMR"),
        new("tj-housing-clerk", "tj", "tj-housing", "clerk", "天津市住房和城乡建设委员会 Tianjin housing clerk"),
        new("he-tax-clerk", "he", "he-tax", "clerk", "河北省税务局 Hebei tax clerk"),
        new("auditor", "bj", "bj-audit", "auditor", "Regional auditor"),
        new("bj-natural-resources-issuer", "bj", "bj-natural-resources", "issuer", "北京市规划和自然资源委员会 Beijing natural resources"),
        new("tj-power-clerk", "tj", "tj-power", "clerk", "国网天津市电力公司 Tianjin power supply clerk"),
        new("bj-holder-app", "bj", "bj-holder", "holder-app", "北京通 Beijing holder app"),
        new("tj-holder-app", "tj", "tj-holder", "holder-app", "津心办 Tianjin holder app"),
        new("he-holder-app", "he", "he-holder", "holder-app", "冀时办 Hebei holder app"),
    ];

    /// <summary>The demo clients of a cluster of <paramref name="regions"/>: the founding regions' (the auditor is bj's)
    /// where they take part, and three of each other region's.</summary>
    public static IReadOnlyList<DemoClient> For(IReadOnlyCollection<string> regions) =>
    [
        .. Founding.Where(c => regions.Contains(c.Region)),
        .. regions.Where(r => !IsFounding(r)).SelectMany(r => new DemoClient[]
        {
            new($"{r}-samr-issuer", r, $"{r}-samr", "issuer", $"{r.ToUpperInvariant()} market supervision issuer"),
            new($"{r}-gov-clerk", r, $"{r}-gov", "clerk", $"{r.ToUpperInvariant()} government service clerk"),
            new($"{r}-holder-app", r, $"{r}-holder", "holder-app", $"{r.ToUpperInvariant()} holder app"),
        }),
    ];

    /// <summary>The certificate presented to a region's node when --as is not given.</summary>
    public static string DefaultFor(string? region) => region switch
    {
        "bj" => "bj-samr-issuer",
        "tj" => "tj-housing-clerk",
        "he" => "he-tax-clerk",
        { } other when Regional.LicenseVerifier.LicenseId.IsRegionId(other) => $"{other}-samr-issuer",
        _ => "auditor",
    };

    /// <summary>The holders' app certificate of a region ("bj-holder-app"), which grants and withdraws consent.</summary>
    public static string HolderAppFor(string? region) =>
        Regional.LicenseVerifier.LicenseId.IsRegionId(region) ? $"{region}-holder-app" : "bj-holder-app";

    private static bool IsFounding(string region) => region is "bj" or "tj" or "he";
}
