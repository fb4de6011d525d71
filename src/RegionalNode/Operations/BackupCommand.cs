using Regional.Node.Storage.Operations;
using Regional.Node.Storage;
using Regional.Node.Configuration;

namespace Regional.Node.Operations;

/// <summary>
/// <c>backup --data DIR --to BACKUP [--include-keys] [--signing-key FILE]</c>: an online backup of a node,
/// safe while it runs and issues. Each database is copied with SQLite's online backup API in one step,
/// which reads one snapshot under a read transaction (WAL: the writer goes on meanwhile), so the copy is
/// a committed state, never half a block. Certificates and other files are copied as they are,
/// owner-only (0600 in a 0700 folder). Private keys (<see cref="BackupKeys"/>) are not copied unless
/// --include-keys: a stray backup then reveals no key and no personal data (SECURITY.md); the manifest
/// still names each key and how to recognise it, so restore can take them from the operator's key store.
/// manifest.json lists every file with its SHA-256 and where the own log stood, and is signed with the
/// log's current signing key (<see cref="ManifestSignature"/>).
/// </summary>
internal static class BackupCommand
{
    /// <summary>The command (<see cref="OperatorCli"/> parses its options): prints what was backed up.</summary>
    public static Task<int> RunAsync(string data, string to, bool includeKeys, string? signingKey)
    {
        if (PostgresRefusal() is { } refusal)
        {
            Console.Error.WriteLine($"regional-node: backup refused, nothing was written: {refusal}");
            return Task.FromResult(ExitCodes.Failed);
        }
        var (manifest, problem) = Run(data, to, DateTimeOffset.UtcNow, includeKeys, signingKey);
        if (manifest is null)
        {
            Console.Error.WriteLine($"regional-node: backup refused, nothing was written: {problem}");
            return Task.FromResult(ExitCodes.Failed);
        }
        var keys = string.Join(", ", manifest.Keys.Select(k => k.Path));
        if (manifest.IncludesKeys)
        {
            Console.Error.WriteLine($"regional-node: WARNING: --include-keys: this backup holds region {manifest.Region}'s private keys ({keys}). "
                + "Whoever reads it can sign the region's log and decrypt every document in it: keep it offline and encrypted, apart from everyday backups.");
        }
        var head = manifest.OwnLog;
        Console.WriteLine($"backup of region {manifest.Region} in {Path.GetFullPath(to)}: {manifest.Files.Count} files; own log "
            + (head is null ? "empty" : $"{head.Origin} at tree size {head.TreeSize}, height {head.Height}, root {head.RootHash}")
            + $"; manifest signed by {manifest.SignedBy}");
        if (!manifest.IncludesKeys)
        {
            Console.WriteLine($"no private keys in the backup; the manifest names the {manifest.Keys.Count} a restore needs ({keys}): "
                + "keep them in your key store and restore with --keys <key-store>");
        }
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>Backs up the data folder into a new folder; the manifest, or why nothing was written.</summary>
    public static (BackupManifest? Manifest, string? Problem) Run(string dataFolder, string backupFolder, DateTimeOffset now,
        bool includeKeys = false, string? signingKeyPath = null)
    {
        var ledger = Path.Combine(dataFolder, DataFolder.LedgerDatabase);
        if (!File.Exists(ledger))
        {
            return (null, $"--data: no {DataFolder.LedgerDatabase} in {Path.GetFullPath(dataFolder)}");
        }
        if (Directory.Exists(backupFolder) && Directory.EnumerateFileSystemEntries(backupFolder).Any())
        {
            return (null, $"--to: {Path.GetFullPath(backupFolder)} is not empty; give a new folder for each backup");
        }
        // The signer first: a backup that cannot be signed is refused before anything is written.
        BackedUpLog? log;
        using (var live = DatabaseFile.OpenReadOnly(ledger))
        {
            log = BackedUpLog.Read(live);
        }
        if (log is null)
        {
            return (null, $"--data: {DataFolder.LedgerDatabase} holds no own log to sign the backup with: start a region's node once before "
                + "backing it up (a mirror node has no log of its own and nothing to back up: its mirrors come back from the regions)");
        }
        var (signer, problem) = ManifestSignature.CurrentSigner(signingKeyPath ?? Path.Combine(dataFolder, "keys", "signing.key"), log);
        return signer is null ? (null, problem) : (Write(dataFolder, backupFolder, now, includeKeys, signer), null);
    }

    private static BackupManifest Write(string dataFolder, string backupFolder, DateTimeOffset now, bool includeKeys, LicenseVerifier.Notes.NoteSigner signer)
    {
        DataFolder.CreateOwnerOnlyDirectory(backupFolder);
        var files = new List<BackupFile>();
        BackedUpLog? own = null;
        foreach (var database in DataFolder.Databases(dataFolder))
        {
            Snapshot(Path.Combine(dataFolder, database), Path.Combine(backupFolder, database));
            if (database == DataFolder.LedgerDatabase)
            {
                using var copy = DatabaseFile.OpenImmutable(Path.Combine(backupFolder, database));
                own = BackedUpLog.Read(copy);
            }
            files.Add(BackupManifest.Describe(backupFolder, database, BackupFile.Database));
        }
        var keys = new List<BackupKey>();
        foreach (var file in DataFolder.OtherFiles(dataFolder))
        {
            var isKey = BackupKeys.IsKey(dataFolder, file);
            if (isKey)
            {
                keys.Add(BackupKeys.Describe(dataFolder, file, own!.Origin));
            }
            if (!isKey || includeKeys)
            {
                DataFolder.CopyOwnerOnly(Path.Combine(dataFolder, file), Path.Combine(backupFolder, file));
                files.Add(BackupManifest.Describe(backupFolder, file, isKey ? BackupFile.Key : BackupFile.Other));
            }
        }
        var manifest = new BackupManifest
        {
            CreatedAt = now, Region = own!.Region, OwnLog = own.ManifestHead(), SignedBy = signer.Verifier.VerifierKey,
            IncludesKeys = includeKeys, Keys = keys, Files = files,
        };
        var text = manifest.ToText();
        WriteOwnerOnly(Path.Combine(backupFolder, DataFolder.ManifestFile), text);
        WriteOwnerOnly(Path.Combine(backupFolder, ManifestSignature.FileName), ManifestSignature.Sign(text, signer));
        return manifest;
    }

    /// <summary>Copies one database with the online backup API.</summary>
    private static void Snapshot(string source, string destination)
    {
        DataFolder.CreateOwnerOnlyDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        DatabaseFile.Copy(source, destination);
        DataFolder.RestrictToOwner(destination);
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        File.WriteAllText(path, text);
        DataFolder.RestrictToOwner(path);
    }

    /// <summary>Why backup does not apply, when the node's configuration (environment, appsettings.json) keeps the
    /// ledger on PostgreSQL: the server's own tools back it up, consistently and with point-in-time recovery.</summary>
    internal static string? PostgresRefusal(IConfiguration? configuration = null)
    {
        return OperatorStorage.Configured(configuration).IsPostgres
            ? "this node keeps its ledger on PostgreSQL (Storage:Engine postgres): back the database up with PostgreSQL's tools "
                + "(pg_dump --format=custom for a snapshot, pg_basebackup with WAL archiving for point-in-time recovery; docs/operations.md, "
                + "\"On PostgreSQL\"), and the data folder's keys and certificates apart from it"
            : null;
    }
}
