namespace Regional.Node.Configuration;

/// <summary>One of the federation's regions and the defaults a node of that region starts with.</summary>
internal sealed record NodeRegion(string Code, string DisplayName, int DefaultPort)
{
    public static readonly IReadOnlyList<NodeRegion> All =
    [
        new("bj", "北京 Beijing", 7101),
        new("tj", "天津 Tianjin", 7102),
        new("he", "河北 Hebei", 7103),
    ];

    /// <summary>"bj, tj, he", for messages.</summary>
    public static string Codes => string.Join(", ", All.Select(r => r.Code));

    /// <summary>The region with that code, or null.</summary>
    public static NodeRegion? Find(string? code) => All.FirstOrDefault(r => r.Code == code);
}
