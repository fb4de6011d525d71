using System.Runtime.Versioning;
using Regional.Node.Operations;
using Regional.Node.Storage;

namespace Regional.Node.Tests.Operations;

/// <summary>Backup and restore of a data folder on disk, without a running node: the manifest catches
/// any change to a backup, and restore never overwrites a folder it should not.</summary>
[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class BackupRestoreFolderTests : BackupFolderFixture
{
    private string Data => Folder.Data;

    private string Backup => Folder.Backup;

    private string Target => Folder.Target;

    [Test]
    public void Backup_DataFolder_ManifestListsDatabaseAndCertificateNamesKeysSignedOwnerOnly()
    {
        var (manifest, problem) = BackupCommand.Run(Data, Backup, Now);

        Assert.That(problem, Is.Null);
        Assert.That(manifest!.Region, Is.EqualTo("bj"));
        Assert.That(manifest.OwnLog!.Origin, Is.EqualTo(BackupDataFolder.Origin));
        Assert.That(manifest.Files.Select(f => (f.Path, f.Kind)), Is.EquivalentTo(new[] { ("ledger.db", "database"), ("tls/node.crt", "file") }));
        Assert.That(manifest.Keys.Select(k => (k.Path, k.Kind)), Is.EquivalentTo(new[]
        {
            ("keys/data.key", "data key"), ("keys/signing.key", "log signing key"), ("keys/witness.key", "witness key"), ("tls/node.key", "TLS private key"),
        }));
        Assert.That(manifest.Keys.Single(k => k.Path == "keys/signing.key").VerifierKey, Is.EqualTo(Folder.Signer.Verifier.VerifierKey));
        Assert.That(manifest.SignedBy, Is.EqualTo(Folder.Signer.Verifier.VerifierKey));
        foreach (var file in new[] { "ledger.db", "tls/node.crt", "manifest.json", "manifest.sig" })
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(Backup, file)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), file);
        }
        Assert.That(BackupVerification.Verify(Backup, trustFile: null).Problems, Is.Empty);
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

    [TestCase("tls/node.crt", "SHA-256")]
    [TestCase("ledger.db", "SHA-256")]
    public void Restore_FileChangedAfterBackup_RefusedAndTargetUntouched(string file, string expected)
    {
        BackupCommand.Run(Data, Backup, Now);
        var bytes = File.ReadAllBytes(Path.Combine(Backup, file));
        bytes[^1] ^= 1;
        File.WriteAllBytes(Path.Combine(Backup, file), bytes);

        var (restored, problems) = RestoreCommand.Run(Backup, Target, new RestoreOptions(), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Some.Contains(file).And.Contains(expected));
        Assert.That(Folder.NothingRestored(), Is.True);
    }

    [Test]
    public void Restore_FileMissingOrAdded_Refused()
    {
        BackupCommand.Run(Data, Backup, Now);
        File.Delete(Path.Combine(Backup, "tls", "node.crt"));
        File.WriteAllText(Path.Combine(Backup, "planted.key"), "x");

        var (_, problems) = RestoreCommand.Run(Backup, Target, new RestoreOptions(), Now);

        Assert.That(problems, Has.Some.Contains("tls/node.crt: missing"));
        Assert.That(problems, Has.Some.Contains("planted.key: not in the manifest"));
        Assert.That(Folder.NothingRestored(), Is.True);
    }

    [Test]
    public void Restore_NonEmptyTargetWithoutForce_RefusedAndTargetUntouched()
    {
        BackupCommand.Run(Data, Backup, Now);

        var (restored, problems) = RestoreCommand.Run(Backup, Data, new RestoreOptions(), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Some.Contains("not empty").And.Contains("--force"));
        Assert.That(File.Exists(Path.Combine(Data, "node.log")), Is.True);
        Assert.That(File.Exists(Path.Combine(Data, DataFolder.RestoredMarker)), Is.False);
    }

    [Test]
    public void Restore_TargetLockedByRunningNode_RefusedEvenWithForce()
    {
        BackupCommand.Run(Data, Backup, Now);
        using var running = DataFolder.HoldShared(Data); // as a running node holds it

        var (restored, problems) = RestoreCommand.Run(Backup, Data, new RestoreOptions(Force: true), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Some.Contains("running node"));
    }

    [Test]
    public void Restore_WithForce_KeepsOldContentsAsideAndMarksTheFolder()
    {
        BackupCommand.Run(Data, Backup, Now, includeKeys: true);

        var (restored, problems) = RestoreCommand.Run(Backup, Data, new RestoreOptions(Force: true), Now);

        Assert.That(problems, Is.Empty);
        Assert.That(restored, Is.Not.Null);
        Assert.That(File.Exists(Path.Combine(Data, DataFolder.RestoredMarker)), Is.True);
        Assert.That(File.Exists(Path.Combine(Data, "node.log")), Is.False);
        Assert.That(File.Exists(Path.Combine($"{Data}.replaced-20250301T080000", "node.log")), Is.True);
        Assert.That(File.ReadAllBytes(Path.Combine(Data, "keys", "data.key")), Is.EqualTo(File.ReadAllBytes(Path.Combine(Backup, "keys", "data.key"))));
    }
}
