using System.Globalization;
using System.Text.Json;

namespace Regional.Node.Operations;

/// <summary>
/// <c>restore --from BACKUP --data DIR [--force]</c>, with the node stopped: checks every file of the
/// backup against its manifest (a changed, missing or extra file refuses the whole backup), copies it
/// into a new folder beside the target and renames that into place, so the target is never half
/// restored. It refuses a folder a running node holds (its lock), and a non-empty folder unless --force,
/// which keeps the old contents as DIR.replaced-TIME. It leaves RESTORED-FROM-BACKUP.json in the folder:
/// a federated node will not start until <c>recover</c> has brought its log up to what peers hold.
/// </summary>
internal static class RestoreCommand
{
    public const string UsageText = "Regional.Node restore --from <backup-dir> --data <data-dir> [--force]";

    public static Task<int> RunAsync(string[] args)
    {
        var parsed = OperatorArgs.Parse(args, ["--from", "--data"], ["--force"], out var error);
        if (parsed?["--from"] is not { } from || parsed["--data"] is not { } data)
        {
            return Task.FromResult(OperatorArgs.Usage(error ?? "--from and --data are required", UsageText));
        }
        var (manifest, problems) = Run(from, data, parsed.Has("--force"), DateTimeOffset.UtcNow);
        if (manifest is null)
        {
            Console.Error.WriteLine("regional-node: restore refused, nothing was changed:\n  " + string.Join("\n  ", problems));
            return Task.FromResult(ExitCodes.Failed);
        }
        Console.WriteLine($"restored region {manifest.Region}'s backup of {manifest.CreatedAt:u} into {Path.GetFullPath(data)}; own log at tree size {manifest.OwnLog?.TreeSize ?? 0}.");
        Console.WriteLine("Next, before starting the node: Regional.Node recover --data <data-dir> --from <peer> --trust <trust-file>");
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>Restores; the manifest, or null with the reasons nothing was changed.</summary>
    public static (BackupManifest? Manifest, IReadOnlyList<string> Problems) Run(string backupFolder, string dataFolder, bool force, DateTimeOffset now)
    {
        var (manifest, problems) = BackupManifest.ReadAndVerify(backupFolder);
        if (manifest is null || problems.Count > 0)
        {
            return (null, problems);
        }
        var target = Path.GetFullPath(dataFolder).TrimEnd(Path.DirectorySeparatorChar);
        if (IsLocked(target))
        {
            return (null, [$"--data: a running node holds {Path.Combine(target, DataFolder.LockFile)}: stop it first"]);
        }
        var stamp = now.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        var occupied = Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any();
        if (occupied && !force)
        {
            return (null, [$"--data: {target} is not empty; restore into a new folder, or give --force to move its contents to {target}.replaced-{stamp}"]);
        }
        var staging = $"{target}.restoring-{stamp}";
        foreach (var file in manifest.Files)
        {
            DataFolder.CopyOwnerOnly(Path.Combine(backupFolder, file.Path), Path.Combine(staging, file.Path));
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
        return (manifest, []);
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
