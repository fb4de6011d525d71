using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Ledger;
using Regional.Node.Operations;
using Regional.Node.Storage;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Tests.Operations;

/// <summary>Backup and restore of a data folder on disk, without a running node: the manifest catches
/// any change to a backup, and restore never overwrites a folder it should not.</summary>
[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class BackupRestoreFolderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private string _root = null!;

    private string Data => Path.Combine(_root, "data");

    private string Backup => Path.Combine(_root, "backup");

    private string Target => Path.Combine(_root, "restored");

    [SetUp]
    public void MakeDataFolder()
    {
        _root = Directory.CreateTempSubdirectory("regional-backup-").FullName;
        using (var connection = new Database(Path.Combine(Data, DataFolder.LedgerDatabase)).Open())
        {
            OwnLog.Open(connection, Suite.Gm, "bj", "regional.example/bj");
        }
        SqliteConnection.ClearAllPools();
        DataKeyFile.LoadOrCreate(Path.Combine(Data, "keys", "data.key"));
        File.WriteAllText(Path.Combine(Data, "node.log"), "not part of a backup");
    }

    [TearDown]
    public void RemoveFolders() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Backup_DataFolder_ManifestListsDatabaseAndKeysOwnerOnly()
    {
        var (manifest, problem) = BackupCommand.Run(Data, Backup, Now);

        Assert.That(problem, Is.Null);
        Assert.That(manifest!.Region, Is.EqualTo("bj"));
        Assert.That(manifest.OwnLog!.Origin, Is.EqualTo("regional.example/bj"));
        Assert.That(manifest.Files.Select(f => (f.Path, f.Kind)), Is.EquivalentTo(new[] { ("ledger.db", "database"), ("keys/data.key", "file") }));
        Assert.That(File.GetUnixFileMode(Path.Combine(Backup, "keys", "data.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(BackupManifest.ReadAndVerify(Backup).Problems, Is.Empty);
    }

    [Test]
    public void Backup_IntoNonEmptyFolder_Refused()
    {
        Directory.CreateDirectory(Backup);
        File.WriteAllText(Path.Combine(Backup, "old"), "x");

        var (manifest, problem) = BackupCommand.Run(Data, Backup, Now);

        Assert.That(manifest, Is.Null);
        Assert.That(problem, Does.Contain("not empty"));
    }

    [TestCase("keys/data.key", "SHA-256")]
    [TestCase("ledger.db", "SHA-256")]
    public void Restore_FileChangedAfterBackup_RefusedAndTargetUntouched(string file, string expected)
    {
        BackupCommand.Run(Data, Backup, Now);
        var bytes = File.ReadAllBytes(Path.Combine(Backup, file));
        bytes[^1] ^= 1;
        File.WriteAllBytes(Path.Combine(Backup, file), bytes);

        var (manifest, problems) = RestoreCommand.Run(Backup, Target, force: false, Now);

        Assert.That(manifest, Is.Null);
        Assert.That(problems, Has.Some.Contains(file).And.Contains(expected));
        Assert.That(Directory.Exists(Target), Is.False);
    }

    [Test]
    public void Restore_FileMissingOrAdded_Refused()
    {
        BackupCommand.Run(Data, Backup, Now);
        File.Delete(Path.Combine(Backup, "keys", "data.key"));
        File.WriteAllText(Path.Combine(Backup, "planted.key"), "x");

        var (_, problems) = RestoreCommand.Run(Backup, Target, force: false, Now);

        Assert.That(problems, Has.Some.Contains("keys/data.key: missing"));
        Assert.That(problems, Has.Some.Contains("planted.key: not in the manifest"));
    }

    [Test]
    public void Restore_NonEmptyTargetWithoutForce_RefusedAndTargetUntouched()
    {
        BackupCommand.Run(Data, Backup, Now);

        var (manifest, problems) = RestoreCommand.Run(Backup, Data, force: false, Now);

        Assert.That(manifest, Is.Null);
        Assert.That(problems, Has.Some.Contains("not empty").And.Contains("--force"));
        Assert.That(File.Exists(Path.Combine(Data, "node.log")), Is.True);
        Assert.That(File.Exists(Path.Combine(Data, DataFolder.RestoredMarker)), Is.False);
    }

    [Test]
    public void Restore_TargetLockedByRunningNode_RefusedEvenWithForce()
    {
        BackupCommand.Run(Data, Backup, Now);
        using var running = DataFolder.HoldShared(Data); // as a running node holds it

        var (manifest, problems) = RestoreCommand.Run(Backup, Data, force: true, Now);

        Assert.That(manifest, Is.Null);
        Assert.That(problems, Has.Some.Contains("running node"));
    }

    [Test]
    public void Restore_WithForce_KeepsOldContentsAsideAndMarksTheFolder()
    {
        BackupCommand.Run(Data, Backup, Now);

        var (manifest, problems) = RestoreCommand.Run(Backup, Data, force: true, Now);

        Assert.That(problems, Is.Empty);
        Assert.That(manifest, Is.Not.Null);
        Assert.That(File.Exists(Path.Combine(Data, DataFolder.RestoredMarker)), Is.True);
        Assert.That(File.Exists(Path.Combine(Data, "node.log")), Is.False);
        Assert.That(File.Exists(Path.Combine($"{Data}.replaced-20250301T080000", "node.log")), Is.True);
        Assert.That(File.ReadAllBytes(Path.Combine(Data, "keys", "data.key")), Is.EqualTo(File.ReadAllBytes(Path.Combine(Backup, "keys", "data.key"))));
    }
}
