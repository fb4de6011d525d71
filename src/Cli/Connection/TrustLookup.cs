using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;

namespace Regional.Cli.Connection;

/// <summary>Reads and checks a trust file; any problem is a usage error naming the file.</summary>
internal static class TrustLookup
{
    public static FederationTrust Load(string path)
    {
        var (file, error) = TrustFileStore.Read(path);
        var (trust, problems) = file is null ? (null, [error!]) : TrustFileStore.Check(file, Path.GetDirectoryName(path));
        return trust ?? throw new CliException($"trust file {path}: {string.Join("; ", problems)}");
    }

    /// <summary>The origin of a region's log ("bj"), or the text itself when it is an origin already.</summary>
    public static string Origin(string logOrRegion, string trustPath) =>
        logOrRegion.Contains('/', StringComparison.Ordinal) ? logOrRegion
            : Load(trustPath).Region(logOrRegion)?.Origin ?? throw new CliException($"--log: got '{logOrRegion}', want a region of {trustPath} or an origin");
}
