using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Regional.Node.Operations;

/// <summary>One file of a backup: its path relative to the backup folder, what it is, its size and SHA-256.</summary>
internal sealed record BackupFile(string Path, string Kind, long Size, string Sha256)
{
    public const string Database = "database";
    public const string Secret = "file";
}

/// <summary>Where the own log stood in the backed-up database snapshot.</summary>
internal sealed record BackupLogHead(string Origin, ulong TreeSize, ulong? Height, string RootHash);

/// <summary>
/// The manifest.json of a backup: when it was taken, of which region, where the own log stood in the
/// snapshot, and every file with its SHA-256, so restore can refuse a backup that is incomplete or was
/// altered since (a changed key or database would otherwise come back silently).
/// </summary>
internal sealed record BackupManifest
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public DateTimeOffset CreatedAt { get; init; }

    public string Region { get; init; } = "";

    public BackupLogHead? OwnLog { get; init; }

    public IReadOnlyList<BackupFile> Files { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Describes a file already copied into the backup folder.</summary>
    public static BackupFile Describe(string backupFolder, string relativePath, string kind)
    {
        var path = System.IO.Path.Combine(backupFolder, relativePath);
        return new BackupFile(relativePath.Replace('\\', '/'), kind, new FileInfo(path).Length, Sha256Of(path));
    }

    public void Write(string backupFolder)
    {
        var path = System.IO.Path.Combine(backupFolder, DataFolder.ManifestFile);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
        DataFolder.RestrictToOwner(path);
    }

    /// <summary>Reads a backup's manifest and checks every file it lists; the problems are empty when
    /// the backup is whole. A file in the folder that the manifest does not list is a problem too.</summary>
    public static (BackupManifest? Manifest, IReadOnlyList<string> Problems) ReadAndVerify(string backupFolder)
    {
        var path = System.IO.Path.Combine(backupFolder, DataFolder.ManifestFile);
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, [$"{path}: {ex.Message}"]);
        }
        if (manifest is null || manifest.Format != CurrentFormat)
        {
            return (null, [$"{path}: got format {manifest?.Format}, want {CurrentFormat}"]);
        }
        var problems = new List<string>();
        foreach (var file in manifest.Files)
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(backupFolder, file.Path));
            if (!full.StartsWith(System.IO.Path.GetFullPath(backupFolder), StringComparison.Ordinal) || file.Path.Contains("..", StringComparison.Ordinal))
            {
                problems.Add($"{file.Path}: outside the backup folder");
            }
            else if (!File.Exists(full))
            {
                problems.Add($"{file.Path}: missing");
            }
            else if (Sha256Of(full) is var actual && actual != file.Sha256)
            {
                problems.Add($"{file.Path}: SHA-256 {actual}, the manifest says {file.Sha256}: the file was changed after the backup");
            }
        }
        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in Directory.EnumerateFiles(backupFolder, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(backupFolder, p).Replace('\\', '/'))
            .Where(p => p != DataFolder.ManifestFile && !listed.Contains(p)))
        {
            problems.Add($"{extra}: not in the manifest");
        }
        if (!manifest.Files.Any(f => f.Kind == BackupFile.Database))
        {
            problems.Add("the manifest lists no database");
        }
        return (manifest, problems);
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
