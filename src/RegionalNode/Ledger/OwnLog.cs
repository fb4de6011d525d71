using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Crypto;

namespace Regional.Node.Ledger;

/// <summary>The region's own log: the one this node alone writes.</summary>
internal sealed class OwnLog : LogHandle
{
    private OwnLog(Suite suite, string region, string origin, LogState state)
        : base(suite, region, origin, state)
    {
    }

    /// <summary>Opens the own log: migrates the schema and loads the head and compact range.</summary>
    public static OwnLog Open(SqliteConnection connection, Suite suite, string region, string origin) =>
        new(suite, region, origin, Load(connection, suite, region, origin, isOwn: true));
}
