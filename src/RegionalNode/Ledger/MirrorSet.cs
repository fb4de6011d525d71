using Regional.LicenseVerifier.Crypto;
using Regional.Node.Storage;

namespace Regional.Node.Ledger;

/// <summary>Every mirror this node keeps: one per other region of the federation (none when the
/// node runs alone).</summary>
internal sealed class MirrorSet
{
    private readonly Dictionary<string, MirrorLog> _byRegion;

    private MirrorSet(IEnumerable<MirrorLog> mirrors) => _byRegion = mirrors.ToDictionary(m => m.Region, StringComparer.Ordinal);

    public static MirrorSet Empty { get; } = new([]);

    public IReadOnlyCollection<MirrorLog> All => _byRegion.Values;

    public MirrorLog? ByRegion(string region) => _byRegion.GetValueOrDefault(region);

    public MirrorLog? ByOrigin(string origin) => _byRegion.Values.FirstOrDefault(m => m.Origin == origin);

    public MirrorLog? ByLogId(long logId) => _byRegion.Values.FirstOrDefault(m => m.LogId == logId);

    /// <summary>Opens a mirror of each peer region, named by its region and log origin.</summary>
    public static MirrorSet Open(IDatabase database, Suite suite, IEnumerable<(string Region, string Origin)> peers)
    {
        using var session = database.Open();
        return new MirrorSet(peers.Select(p => MirrorLog.Open(session, suite, p.Region, p.Origin)).ToList());
    }
}
