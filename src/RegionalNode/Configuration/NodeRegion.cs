using Regional.LicenseVerifier;

namespace Regional.Node.Configuration;

/// <summary>One of the federation's regions and the defaults a node of that region starts with. A federation has any
/// number of regions (its trust file lists them); the three founding ones, and the district nodes the source articles
/// name, have display names and default ports, and any other well-formed id is a region too.</summary>
/// <param name="DefaultPort">Where its node listens unless told; null for a region without one (Node:Listen required).</param>
internal sealed record NodeRegion(string Code, string DisplayName, int? DefaultPort)
{
    public static readonly IReadOnlyList<NodeRegion> Known =
    [
        new("bj", "北京 Beijing", 7101),
        new("tj", "天津 Tianjin", 7102),
        new("he", "河北 Hebei", 7103),
        new("hd", "海淀 Haidian", null),
        new("xa", "雄安 Xiong'an", null),
    ];

    /// <summary>What a region id looks like, for messages.</summary>
    public const string Format = "2 to 8 lower-case letters, e.g. bj, tj, he (the region code its licence ids begin with)";

    /// <summary>The region with that id (its defaults when it is a known one), or null when the id is not well-formed.</summary>
    public static NodeRegion? Find(string? code) =>
        !LicenseId.IsRegionId(code) ? null : Known.FirstOrDefault(r => r.Code == code) ?? new NodeRegion(code, code.ToUpperInvariant(), null);
}
