using Microsoft.Data.Sqlite;

namespace Regional.Node.Operations;

/// <summary>
/// <c>backup --data DIR --to BACKUP</c>: an online backup of a node, safe while it runs and issues.
/// Each database is copied with SQLite's online backup API in one step, which reads one snapshot under
/// a read transaction (WAL: the writer goes on meanwhile), so the copy is a committed state, never half
/// a block. The key, certificate and other files of the folder are copied as they are, owner-only (0600
/// in a 0700 folder); manifest.json lists every file with its SHA-256 and where the own log stood.
/// </summary>
internal static class BackupCommand
{
    public const string UsageText = "Regional.Node backup --data <data-dir> --to <new-backup-dir>";

    public static Task<int> RunAsync(string[] args)
    {
        var parsed = OperatorArgs.Parse(args, ["--data", "--to"], [], out var error);
        if (parsed?["--data"] is not { } data || parsed["--to"] is not { } to)
        {
            return Task.FromResult(OperatorArgs.Usage(error ?? "--data and --to are required", UsageText));
        }
        var (manifest, problem) = Run(data, to, DateTimeOffset.UtcNow);
        if (manifest is null)
        {
            Console.Error.WriteLine($"regional-node: backup refused: {problem}");
            return Task.FromResult(ExitCodes.Failed);
        }
        var head = manifest.OwnLog;
        Console.WriteLine($"backup of region {manifest.Region} in {Path.GetFullPath(to)}: {manifest.Files.Count} files; own log "
            + (head is null ? "empty" : $"{head.Origin} at tree size {head.TreeSize}, height {head.Height}, root {head.RootHash}"));
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>Backs up the data folder into a new folder; the manifest, or why nothing was backed up.</summary>
    public static (BackupManifest? Manifest, string? Problem) Run(string dataFolder, string backupFolder, DateTimeOffset now)
    {
        if (!File.Exists(Path.Combine(dataFolder, DataFolder.LedgerDatabase)))
        {
            return (null, $"--data: no {DataFolder.LedgerDatabase} in {Path.GetFullPath(dataFolder)}");
        }
        if (Directory.Exists(backupFolder) && Directory.EnumerateFileSystemEntries(backupFolder).Any())
        {
            return (null, $"--to: {Path.GetFullPath(backupFolder)} is not empty; give a new folder for each backup");
        }
        DataFolder.CreateOwnerOnlyDirectory(backupFolder);
        var files = new List<BackupFile>();
        BackupLogHead? head = null;
        string region = "";
        foreach (var database in DataFolder.Databases(dataFolder))
        {
            var own = Snapshot(Path.Combine(dataFolder, database), Path.Combine(backupFolder, database));
            if (database == DataFolder.LedgerDatabase)
            {
                (region, head) = own;
            }
            files.Add(BackupManifest.Describe(backupFolder, database, BackupFile.Database));
        }
        foreach (var file in DataFolder.OtherFiles(dataFolder))
        {
            DataFolder.CopyOwnerOnly(Path.Combine(dataFolder, file), Path.Combine(backupFolder, file));
            files.Add(BackupManifest.Describe(backupFolder, file, BackupFile.Secret));
        }
        var manifest = new BackupManifest { CreatedAt = now, Region = region, OwnLog = head, Files = files };
        manifest.Write(backupFolder);
        return (manifest, null);
    }

    /// <summary>Copies one database with the online backup API and reads the own log's head from the copy.</summary>
    private static (string Region, BackupLogHead? Head) Snapshot(string source, string destination)
    {
        DataFolder.CreateOwnerOnlyDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
        DataFolder.RestrictToOwner(destination);
        return ReadOwnHead(to);
    }

    private static (string Region, BackupLogHead? Head) ReadOwnHead(SqliteConnection connection)
    {
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT l.origin, l.region, b.height, b.tree_size, b.root_hash
            FROM logs l LEFT JOIN blocks b ON b.log_id = l.log_id
            WHERE l.is_own = 1 ORDER BY b.height DESC LIMIT 1
            """;
        try
        {
            using var reader = query.ExecuteReader();
            if (!reader.Read())
            {
                return ("", null);
            }
            var head = reader.IsDBNull(2)
                ? new BackupLogHead(reader.GetString(0), 0, null, "")
                : new BackupLogHead(reader.GetString(0), (ulong)reader.GetInt64(3), (ulong)reader.GetInt64(2), Convert.ToHexStringLower((byte[])reader[4]));
            return (reader.GetString(1), head);
        }
        catch (SqliteException)
        {
            return ("", null); // not a ledger database (no logs table): copied, nothing to report
        }
    }
}
