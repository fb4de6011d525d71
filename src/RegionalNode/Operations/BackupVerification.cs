using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;
using Regional.Node.Storage.Operations;
using Regional.Node.Storage;

namespace Regional.Node.Operations;

/// <summary>A backup whose manifest signature and files checked out, and which key vouched for it.</summary>
internal sealed record VerifiedBackup(BackupManifest Manifest, string SignedWith);

/// <summary>
/// Restore's checks, all before anything is written: the manifest's signature, then every file against
/// the manifest. The signature is checked against the region's log keys in the trust file when there is
/// one (the region's current keys, and a retired key for a backup no larger than the size it signed up
/// to). Without one, against the current key the backed-up log itself records (<see cref="BackedUpLog"/>):
/// that shows the manifest and the log were signed by one key holder, not that the holder is the region,
/// and restore says which check it made.
/// </summary>
internal static class BackupVerification
{
    public static (VerifiedBackup? Backup, IReadOnlyList<string> Problems) Verify(string backupFolder, string? trustFile)
    {
        var (manifest, text, problem) = BackupManifest.Read(backupFolder);
        if (manifest is null)
        {
            return (null, [problem!]);
        }
        var signaturePath = Path.Combine(backupFolder, ManifestSignature.FileName);
        var signature = File.Exists(signaturePath) ? File.ReadAllText(signaturePath) : null;
        var (keys, source, keyProblem) = signature is null ? ([], "", null)
            : trustFile is not null ? FromTrustFile(trustFile, manifest) : FromBackedUpLog(backupFolder, manifest);
        if (keyProblem is not null)
        {
            return (null, [keyProblem]);
        }
        if (ManifestSignature.Problem(text, signature, keys) is { } bad)
        {
            return (null, [bad]);
        }
        var problems = manifest.FileProblems(backupFolder);
        return problems.Count > 0 ? (null, problems) : (new VerifiedBackup(manifest, $"{manifest.SignedBy}, {source}"), []);
    }

    private static (IReadOnlyList<NoteVerifier> Keys, string Source, string? Problem) FromTrustFile(string path, BackupManifest manifest)
    {
        var (file, error) = TrustFileStore.Read(path);
        if (file is null)
        {
            return ([], "", $"--trust: {error}");
        }
        var (trust, problems) = TrustFileStore.Check(file, Path.GetDirectoryName(Path.GetFullPath(path)));
        if (trust is null)
        {
            return ([], "", $"--trust: trust file {path} is inconsistent: {string.Join("; ", problems)}");
        }
        var origin = manifest.OwnLog?.Origin ?? "";
        if (trust.ByOrigin(origin) is not { } region)
        {
            return ([], "", $"--trust: no region of {path} has the origin '{origin}' of the backed-up log");
        }
        var size = manifest.OwnLog?.TreeSize ?? 0;
        IReadOnlyList<NoteVerifier> keys = [.. region.LogKeys, .. region.RetiredLogKeys.Where(r => size <= r.LastTreeSize).Select(r => r.Key)];
        return (keys, $"region {region.Id}'s log key in the trust file {path}", null);
    }

    private static (IReadOnlyList<NoteVerifier> Keys, string Source, string? Problem) FromBackedUpLog(string backupFolder, BackupManifest manifest)
    {
        var listed = manifest.Files.FirstOrDefault(f => f.Path == DataFolder.LedgerDatabase);
        var path = Path.Combine(backupFolder, DataFolder.LedgerDatabase);
        if (listed is null)
        {
            return ([], "", $"the manifest lists no {DataFolder.LedgerDatabase}: give --trust <trust-file> to check its signature");
        }
        if (BackupManifest.FileProblem(path, listed) is { } changed)
        {
            return ([], "", changed);
        }
        using var session = DatabaseFile.OpenImmutable(path);
        var log = BackedUpLog.Read(session);
        if (log?.Head.Height is null)
        {
            return ([], "", $"{DataFolder.LedgerDatabase} holds no signed checkpoint of an own log to check the manifest's signer against: give --trust <trust-file>");
        }
        if (!NoteVerifier.TryParse(manifest.SignedBy, out var signer, out var error))
        {
            return ([], "", $"{DataFolder.ManifestFile}: signedBy: {error}");
        }
        return log.CurrentKeyProblem(signer!) is { } problem
            ? ([], "", $"{ManifestSignature.FileName}: the manifest's signer is not the backed-up log's current key: {problem}")
            : ([signer!], $"{log.CurrentKeySource} (no trust file: give --trust <trust-file> to check it is region {log.Region}'s key)", null);
    }
}
