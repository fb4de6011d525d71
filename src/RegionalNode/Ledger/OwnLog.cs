using Regional.LicenseVerifier.Crypto;
using Regional.Node.Storage;
using Regional.Node.Storage.Ledger;

namespace Regional.Node.Ledger;

/// <summary>The region's own log: the one this node alone writes.</summary>
internal sealed class OwnLog : LogHandle
{
    private OwnLog(Suite suite, string region, string origin, LogState state)
        : base(suite, region, origin, state)
    {
    }

    /// <summary>Opens the own log: migrates the schema and loads the head and compact range.</summary>
    public static OwnLog Open(IStoreSession session, Suite suite, string region, string origin) =>
        new(suite, region, origin, Load(session, suite, region, origin, isOwn: true));

    /// <summary>The own log of a read-only mirror node: none. Empty, never stored nor written, its id
    /// (0) matches no stored log and its region (the mirror's name) no licence, so readers that look
    /// for "the own log" always fall through to the mirrors.</summary>
    public static OwnLog None(Suite suite, string mirrorName) =>
        new(suite, mirrorName, "", new LogState(
            new LogHead(0, 0, null, new byte[Suite.HashSize], suite.EmptyRoot.ToArray(), null, null),
            LicenseVerifier.Merkle.CompactRange.Empty(suite)));
}
