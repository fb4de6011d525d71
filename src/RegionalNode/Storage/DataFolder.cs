namespace Regional.Node.Storage;

/// <summary>
/// What a node's data folder holds, as backup, restore and the start-up guard see it: the SQLite
/// databases (<c>*.db</c>, copied with the online backup API, never as files), the private keys
/// (<see cref="BackupKeys"/>: named in the manifest, copied only with --include-keys), certificates and
/// other files (copied as they are, owner-only), and the files that are the running node's own (its
/// lock, its log output, SQLite's WAL and shared-memory files), which are never copied.
/// </summary>
internal static class DataFolder
{
    /// <summary>Held (exclusively locked) by a running node: restore refuses a folder whose lock is held.</summary>
    public const string LockFile = "node.lock";

    /// <summary>Written by restore; while it exists a federated node refuses to start (run recover).</summary>
    public const string RestoredMarker = "RESTORED-FROM-BACKUP.json";

    /// <summary>The backup's manifest file.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The manifest's signature, beside it.</summary>
    public const string ManifestSignatureFile = "manifest.sig";

    /// <summary>The node's database file (Node:DataDirectory/ledger.db).</summary>
    public const string LedgerDatabase = Database.FileName;

    private static readonly string[] NeverCopied = [LockFile, RestoredMarker, ManifestFile, ManifestSignatureFile, "node.log"];

    /// <summary>The database files of a data folder, relative paths.</summary>
    public static List<string> Databases(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.db", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p)).Order(StringComparer.Ordinal)];

    /// <summary>Every other file worth keeping (keys, certificates, ...), relative paths.</summary>
    public static List<string> OtherFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(folder, p))
            .Where(p => !p.EndsWith(".db", StringComparison.Ordinal) && !IsNodeOwn(p))
            .Order(StringComparer.Ordinal)];

    private static bool IsNodeOwn(string relative) =>
        NeverCopied.Contains(relative)
        || relative.EndsWith(".db-wal", StringComparison.Ordinal) || relative.EndsWith(".db-shm", StringComparison.Ordinal)
        || relative.EndsWith(".db-journal", StringComparison.Ordinal) || relative.EndsWith(".tmp", StringComparison.Ordinal);

    /// <summary>What a running node holds on its folder's lock file: a shared lock (flock LOCK_SH), so a
    /// reader of the folder's files still gets in but restore's and recover's exclusive lock fails.</summary>
    public static FileStream HoldShared(string dataFolder) =>
        new(Path.Combine(dataFolder, LockFile), FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);

    /// <summary>The exclusive lock (flock LOCK_EX) on the folder's lock file, or null when a running node
    /// (or a restore or recover at work) holds it.</summary>
    public static FileStream? TryLockExclusive(string dataFolder)
    {
        try
        {
            return new FileStream(Path.Combine(dataFolder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates a directory readable by its owner only (0700).</summary>
    public static void CreateOwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Copies a file to a new path with mode 0600, creating owner-only directories.</summary>
    public static void CopyOwnerOnly(string from, string to)
    {
        CreateOwnerOnlyDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to, overwrite: false);
        RestrictToOwner(to);
    }

    public static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
