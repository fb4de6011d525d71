namespace Regional.Cli.Cluster;

/// <summary>A client certificate made for the demo cluster: a department of a region in a role.</summary>
internal sealed record DemoClient(string Name, string Region, string Department, string Role, string SubjectName);

/// <summary>The demo departments and clerks `cluster up` issues certificates to, and which one the
/// CLI presents by default to each region's node.</summary>
internal static class DemoClients
{
    public static readonly IReadOnlyList<DemoClient> All =
    [
        new("bj-samr-issuer", "bj", "bj-samr", "issuer", "北京市市场监督管理局 Beijing SAMR"),
        new("tj-housing-clerk", "tj", "tj-housing", "clerk", "天津市住房和城乡建设委员会 Tianjin housing clerk"),
        new("he-tax-clerk", "he", "he-tax", "clerk", "河北省税务局 Hebei tax clerk"),
        new("auditor", "bj", "bj-audit", "auditor", "Regional auditor"),
    ];

    /// <summary>The certificate presented to a region's node when --as is not given.</summary>
    public static string DefaultFor(string? region) => region switch
    {
        "bj" => "bj-samr-issuer",
        "tj" => "tj-housing-clerk",
        "he" => "he-tax-clerk",
        _ => "auditor",
    };
}
