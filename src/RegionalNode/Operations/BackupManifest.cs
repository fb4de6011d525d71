using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Regional.Node.Storage;

namespace Regional.Node.Operations;

/// <summary>One file of a backup: its path relative to the backup folder, what it is, its size and SHA-256.</summary>
internal sealed record BackupFile(string Path, string Kind, long Size, string Sha256)
{
    public const string Database = "database";
    public const string Key = "key";
    public const string Other = "file";
}

/// <summary>Where the own log stood in the backed-up database snapshot.</summary>
internal sealed record BackupLogHead(string Origin, ulong TreeSize, ulong? Height, string RootHash);

/// <summary>
/// The manifest.json of a backup: when it was taken, of which region, where the own log stood in the
/// snapshot, every file with its SHA-256, the private keys the restored folder needs (and whether the
/// backup carries them), and the key that signed it (<see cref="ManifestSignature"/>). Restore refuses a
/// backup whose manifest does not verify, or that is incomplete or altered since: a changed database or
/// key would otherwise come back silently.
/// </summary>
/// <remarks>Format 2 (signed, keys named). Format 1 backups of earlier builds were unsigned and are refused:
/// an unsigned manifest proves nothing, and accepting one would let anyone strip a signature.</remarks>
internal sealed record BackupManifest
{
    public const int CurrentFormat = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keys read as in the trust file: '+' not \u002B
    };

    public int Format { get; init; } = CurrentFormat;

    public DateTimeOffset CreatedAt { get; init; }

    public string Region { get; init; } = "";

    public BackupLogHead? OwnLog { get; init; }

    /// <summary>The note verifier key of the log signing key that signed this manifest.</summary>
    public string SignedBy { get; init; } = "";

    /// <summary>Whether the private keys are in the backup (backup --include-keys) or only named.</summary>
    public bool IncludesKeys { get; init; }

    /// <summary>The private key files the restored folder needs, whether carried or not.</summary>
    public IReadOnlyList<BackupKey> Keys { get; init; } = [];

    public IReadOnlyList<BackupFile> Files { get; init; } = [];

    /// <summary>Describes a file already copied into the backup folder.</summary>
    public static BackupFile Describe(string backupFolder, string relativePath, string kind)
    {
        var path = System.IO.Path.Combine(backupFolder, relativePath);
        return new BackupFile(relativePath.Replace('\\', '/'), kind, new FileInfo(path).Length, Sha256Of(path));
    }

    /// <summary>The manifest's text, the signed note's text: indented JSON with '\n' line ends, ending in one.</summary>
    public string ToText() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads a backup's manifest text (strict UTF-8, as signed) and parses it; nothing in it is
    /// trusted before <see cref="ManifestSignature.Problem"/> accepts its signature.</summary>
    public static (BackupManifest? Manifest, string Text, string? Problem) Read(string backupFolder)
    {
        var path = System.IO.Path.Combine(backupFolder, DataFolder.ManifestFile);
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
            var manifest = JsonSerializer.Deserialize<BackupManifest>(text, Json);
            return manifest is null || manifest.Format != CurrentFormat
                ? (null, text, $"{path}: got format {manifest?.Format}, want {CurrentFormat} (format 1 backups of earlier builds are unsigned and refused)")
                : (manifest, text, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            return (null, "", $"{path}: {ex.Message}");
        }
    }

    /// <summary>Checks every file the manifest lists; empty when the backup is whole. A file in the
    /// folder that the manifest does not list is a problem too.</summary>
    public List<string> FileProblems(string backupFolder)
    {
        var problems = new List<string>();
        foreach (var file in Files)
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(backupFolder, file.Path));
            if (!full.StartsWith(System.IO.Path.GetFullPath(backupFolder), StringComparison.Ordinal) || file.Path.Contains("..", StringComparison.Ordinal))
            {
                problems.Add($"{file.Path}: outside the backup folder");
            }
            else if (FileProblem(full, file) is { } problem)
            {
                problems.Add(problem);
            }
        }
        var listed = Files.Select(f => f.Path).Append(DataFolder.ManifestFile).Append(ManifestSignature.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in Directory.EnumerateFiles(backupFolder, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(backupFolder, p).Replace('\\', '/'))
            .Where(p => !listed.Contains(p)))
        {
            problems.Add($"{extra}: not in the manifest");
        }
        if (!Files.Any(f => f.Kind == BackupFile.Database))
        {
            problems.Add("the manifest lists no database");
        }
        return problems;
    }

    /// <summary>Why one listed file is not as backed up (missing, or another SHA-256), or null.</summary>
    public static string? FileProblem(string path, BackupFile file) =>
        !File.Exists(path) ? $"{file.Path}: missing"
        : Sha256Of(path) is var actual && actual != file.Sha256 ? $"{file.Path}: SHA-256 {actual}, the manifest says {file.Sha256}: the file was changed after the backup"
        : null;

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
