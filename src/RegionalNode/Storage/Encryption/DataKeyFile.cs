using System.Security.Cryptography;

namespace Regional.Node.Storage.Encryption;

/// <summary>
/// The node's 32-byte data key for <see cref="DocumentCipher"/>, kept in its own file with
/// owner-only permissions, in a folder apart from the SQLite database so that a copy or backup of
/// the database alone does not carry the key.
/// </summary>
/// <remarks>
/// On Unix the file is created with mode 0600 from the start (no window in which it is readable
/// by others) and written under a temporary name then moved into place, so a crash never leaves a
/// short key file and two processes starting at once agree on one key. An existing file is refused,
/// with a message saying how to fix it, if it is not exactly 32 bytes or if group or others have
/// any permission on it. On Windows the permission checks are skipped (the folder ACL governs).
/// </remarks>
internal static class DataKeyFile
{
    public const int KeySize = DocumentCipher.DataKeySize;

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Reads the key at path, creating a fresh random one (and its folder) if there is none.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a 32-byte key.</exception>
    /// <exception cref="UnauthorizedAccessException">The file is readable or writable by group or others.</exception>
    public static byte[] LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            Create(path);
        }
        return Load(path);
    }

    private static byte[] Load(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                throw new UnauthorizedAccessException(
                    $"data key file '{path}': mode is {Octal(mode)}, want 0600 with no group or other access; run: chmod 600 '{path}'");
            }
        }
        var key = File.ReadAllBytes(path);
        if (key.Length != KeySize)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new InvalidDataException(
                $"data key file '{path}': got {key.Length} bytes, want {KeySize}; restore the right file (documents sealed under another key cannot be opened)");
        }
        return key;
    }

    private static void Create(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerReadWrite | UnixFileMode.UserExecute);
            }
        }
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var key = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerReadWrite;
            }
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first: use theirs.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            File.Delete(temporary);
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1ff, 8);
}
