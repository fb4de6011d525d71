using Regional.LicenseVerifier.Trust;

namespace Regional.Provisioning;

/// <summary>
/// The trust file on disk: read, and checked with its caCertificate found beside it. The
/// model and every check are <see cref="FederationTrust"/>'s; this adds the file system, once, for
/// the node (start-up, recover) and the CLI alike.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class TrustFileStore
{
    /// <summary>Reads a trust file; a file that cannot be read, or is not JSON of the trust file's
    /// shape, gives an error message naming the file.</summary>
    public static (TrustFile? File, string? Error) Read(string path)
    {
        try
        {
            var parsed = TrustFile.Parse(File.ReadAllText(path));
            return parsed.IsSuccess ? (parsed.Value, null) : (null, $"trust file {path}: {parsed.Error}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"trust file {path}: {ex.Message}");
        }
    }

    /// <summary>Checks a trust file (<see cref="FederationTrust.Check"/>), its caCertificate resolved
    /// against <paramref name="folder"/> (the trust file's folder; null: the current directory) and
    /// required to exist there.</summary>
    public static (FederationTrust? Trust, IReadOnlyList<string> Problems) Check(TrustFile file, string? folder) =>
        FederationTrust.Check(file, relative =>
        {
            var path = Path.GetFullPath(Path.Combine(folder ?? ".", relative));
            return (path, File.Exists(path));
        });
}
