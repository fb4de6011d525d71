using System.Globalization;
using System.Text.Json;
using Regional.Node.Configuration;
using Regional.Node.Storage;

namespace Regional.Node.Operations;

/// <summary>How restore checks and completes a backup: the trust file for the manifest's signature,
/// the operator's key store for a keyless backup, and whether a non-empty target may be moved aside.</summary>
internal sealed record RestoreOptions(bool Force = false, string? TrustFile = null, string? KeyStore = null);

/// <summary>What restore did: the backup, the key that vouched for it, and the keys still to put back.</summary>
internal sealed record Restored(BackupManifest Manifest, string SignedWith, IReadOnlyList<BackupKey> KeysToPutBack);

/// <summary>
/// <c>restore --from BACKUP --data DIR [--trust FILE] [--keys DIR] [--force]</c>, with the node stopped:
/// checks the manifest's signature and every file (<see cref="BackupVerification"/>) and, for a keyless
/// backup given --keys, that the key store holds the very keys the manifest names; any problem refuses
/// the whole backup before anything is written. Then it copies it into a new folder beside the target
/// and renames that into place, so the target is never half restored. It refuses a folder a running node
/// holds (its lock), and a non-empty folder unless --force, which keeps the old contents as
/// DIR.replaced-TIME. It leaves RESTORED-FROM-BACKUP.json in the folder: a federated node will not start
/// until <c>recover</c> has brought its log up to what peers hold.
/// </summary>
internal static class RestoreCommand
{
    /// <summary>The command (<see cref="OperatorCli"/> parses its options): prints what was restored and what is next.</summary>
    public static Task<int> RunAsync(string from, string data, string? trustFile, string? keyStore, bool force)
    {
        var trust = trustFile ?? new ConfigurationBuilder().AddNodeConfiguration([]).Build()["Federation:TrustFile"];
        var (restored, problems) = Run(from, data, new RestoreOptions(force, string.IsNullOrWhiteSpace(trust) ? null : trust, keyStore), DateTimeOffset.UtcNow);
        if (restored is null)
        {
            Console.Error.WriteLine("regional-node: restore refused, nothing was changed:\n  " + string.Join("\n  ", problems));
            return Task.FromResult(ExitCodes.Failed);
        }
        var manifest = restored.Manifest;
        Console.WriteLine($"manifest signature verified with {restored.SignedWith}");
        Console.WriteLine($"restored region {manifest.Region}'s backup of {manifest.CreatedAt:u} into {Path.GetFullPath(data)}; own log at tree size {manifest.OwnLog?.TreeSize ?? 0}; "
            + (manifest.IncludesKeys ? "with the keys it carried" : keyStore is { } store ? $"{manifest.Keys.Count} key files from {store}, each as the manifest names it" : "without keys"));
        if (restored.KeysToPutBack.Count > 0)
        {
            Console.Error.WriteLine($"regional-node: the backup holds no private keys; put these back into {Path.GetFullPath(data)} before starting the node "
                + "(it refuses to start without them), or restore again with --keys <key-store> --force:\n  "
                + string.Join("\n  ", restored.KeysToPutBack.Select(k => $"{k.Path}: {k.Kind} {k.VerifierKey ?? k.Check}")));
        }
        Console.WriteLine("Next, before starting the node: Regional.Node recover --data <data-dir> --from <peer> --trust <trust-file>");
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>Restores; what was restored, or null with the reasons nothing was changed.</summary>
    public static (Restored? Restored, IReadOnlyList<string> Problems) Run(string backupFolder, string dataFolder, RestoreOptions options, DateTimeOffset now)
    {
        var (backup, problems) = BackupVerification.Verify(backupFolder, options.TrustFile);
        if (backup is null)
        {
            return (null, problems);
        }
        var manifest = backup.Manifest;
        if (options.KeyStore is not null)
        {
            problems = manifest.IncludesKeys
                ? [$"--keys: this backup carries its keys (taken with --include-keys); restore it without --keys"]
                : BackupKeys.StoreProblems(options.KeyStore, manifest.Keys, manifest.OwnLog?.Origin ?? "");
            if (problems.Count > 0)
            {
                return (null, problems);
            }
        }
        var target = Path.GetFullPath(dataFolder).TrimEnd(Path.DirectorySeparatorChar);
        if (IsLocked(target))
        {
            return (null, [$"--data: a running node holds {Path.Combine(target, DataFolder.LockFile)}: stop it first"]);
        }
        var stamp = now.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var occupied = Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any();
        if (occupied && !options.Force)
        {
            return (null, [$"--data: {target} is not empty; restore into a new folder, or give --force to move its contents to {target}.replaced-{stamp}"]);
        }
        var staging = $"{target}.restoring-{stamp}";
        foreach (var file in manifest.Files)
        {
            DataFolder.CopyOwnerOnly(Path.Combine(backupFolder, file.Path), Path.Combine(staging, file.Path));
        }
        var fromStore = manifest.IncludesKeys || options.KeyStore is null ? [] : manifest.Keys;
        foreach (var key in fromStore)
        {
            DataFolder.CopyOwnerOnly(Path.Combine(options.KeyStore!, key.Path), Path.Combine(staging, key.Path));
        }
        var marker = Path.Combine(staging, DataFolder.RestoredMarker);
        File.WriteAllText(marker, JsonSerializer.Serialize(new { restoredAt = now, backupCreatedAt = manifest.CreatedAt, manifest.Region, ownLog = manifest.OwnLog }));
        DataFolder.RestrictToOwner(marker);
        if (Directory.Exists(target))
        {
            Directory.Move(target, occupied ? $"{target}.replaced-{stamp}" : $"{target}.empty-{stamp}");
            if (!occupied)
            {
                Directory.Delete($"{target}.empty-{stamp}");
            }
        }
        Directory.Move(staging, target);
        var toPutBack = manifest.IncludesKeys || options.KeyStore is not null ? [] : manifest.Keys;
        return (new Restored(manifest, backup.SignedWith, toPutBack), []);
    }

    /// <summary>Whether a running node holds the folder's lock (see <see cref="DataFolder.HoldShared"/>).</summary>
    public static bool IsLocked(string dataFolder)
    {
        if (!File.Exists(Path.Combine(dataFolder, DataFolder.LockFile)))
        {
            return false;
        }
        using var probe = DataFolder.TryLockExclusive(dataFolder);
        return probe is null;
    }
}
