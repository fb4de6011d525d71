using System.Globalization;
using System.Text;

namespace Regional.Provisioning;

/// <summary>Secret files readable by their owner only: created 0600 in 0700 directories, atomically
/// (written beside, then renamed), and refused when group or others have any access.</summary>
/// <remarks>Keys and CA keys of the node, the CLI's development cluster and the benchmarks all go
/// through here, so they are all protected the same way. On Windows the modes are not checked.</remarks>
public static class OwnerOnlyFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes a new file with mode 0600; its directory is created 0700 as needed.</summary>
    /// <exception cref="IOException">A file is there already: a secret is never overwritten.</exception>
    public static void WriteNew(string path, string text)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: false);
    }

    /// <summary>Reads a secret file, refusing one that group or others may access.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What it holds, for the message: "signing key", "CA key".</param>
    /// <exception cref="FederationFileException">The file's mode lets group or others in.</exception>
    public static string Read(string path, string what)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
            {
                var octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
                throw new FederationFileException(string.Create(CultureInfo.InvariantCulture,
                    $"{what} {path}: got mode {octal}, want 0600 (readable by its owner only); run: chmod 600 '{path}'"));
            }
        }
        return File.ReadAllText(path, Encoding.UTF8);
    }
}
