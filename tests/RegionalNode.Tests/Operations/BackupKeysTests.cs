using System.Runtime.Versioning;
using Regional.Node.Operations;
using Regional.Node.Storage;

namespace Regional.Node.Tests.Operations;

/// <summary>A backup carries no private key unless --include-keys; restore takes the keys from the
/// operator's key store, only the very keys the manifest names, or lists what to put back.</summary>
[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class BackupKeysTests : BackupFolderFixture
{
    [Test]
    public void Backup_WithoutIncludeKeys_NoFileHoldsAnyPrivateKey()
    {
        var (manifest, _) = BackupCommand.Run(Folder.Data, Folder.Backup, Now);

        Assert.That(manifest!.IncludesKeys, Is.False);
        foreach (var key in manifest.Keys)
        {
            Assert.That(File.Exists(Path.Combine(Folder.Backup, key.Path)), Is.False, key.Path);
        }
        var files = Directory.GetFiles(Folder.Backup, "*", SearchOption.AllDirectories);
        foreach (var (what, bytes) in Folder.PrivateKeyTraces())
        {
            Assert.That(files.Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(bytes) >= 0), Is.Empty, $"{what} found in the backup");
        }
    }

    [Test]
    public void Backup_WithIncludeKeys_CarriesEveryKeyAndTheManifestSaysSo()
    {
        var (manifest, _) = BackupCommand.Run(Folder.Data, Folder.Backup, Now, includeKeys: true);

        Assert.That(manifest!.IncludesKeys, Is.True);
        Assert.That(manifest.Files.Where(f => f.Kind == "key").Select(f => f.Path), Is.EquivalentTo(manifest.Keys.Select(k => k.Path)));
        foreach (var key in manifest.Keys)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(Folder.Backup, key.Path)), Is.EqualTo(File.ReadAllBytes(Path.Combine(Folder.Data, key.Path))), key.Path);
        }
        Assert.That(File.ReadAllText(Path.Combine(Folder.Backup, "tls", "node.key")), Does.Contain("PRIVATE KEY-----"));
    }

    [Test]
    public void Restore_KeylessWithKeyStore_CopiesEachNamedKeyOwnerOnly()
    {
        var (manifest, _) = BackupCommand.Run(Folder.Data, Folder.Backup, Now);

        var (restored, problems) = RestoreCommand.Run(Folder.Backup, Folder.Target, new RestoreOptions(KeyStore: Folder.Data), Now);

        Assert.That(problems, Is.Empty);
        Assert.That(restored!.KeysToPutBack, Is.Empty);
        foreach (var key in manifest!.Keys)
        {
            var copy = Path.Combine(Folder.Target, key.Path);
            Assert.That(File.ReadAllBytes(copy), Is.EqualTo(File.ReadAllBytes(Path.Combine(Folder.Data, key.Path))), key.Path);
            Assert.That(File.GetUnixFileMode(copy), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), key.Path);
        }
    }

    [Test]
    public void Restore_KeylessWithoutKeyStore_RestoresAndListsTheKeysToPutBack()
    {
        var (manifest, _) = BackupCommand.Run(Folder.Data, Folder.Backup, Now);

        var (restored, problems) = RestoreCommand.Run(Folder.Backup, Folder.Target, new RestoreOptions(), Now);

        Assert.That(problems, Is.Empty);
        Assert.That(restored!.KeysToPutBack.Select(k => k.Path), Is.EquivalentTo(manifest!.Keys.Select(k => k.Path)));
        Assert.That(File.Exists(Path.Combine(Folder.Target, "ledger.db")), Is.True);
        Assert.That(restored.KeysToPutBack.Where(k => File.Exists(Path.Combine(Folder.Target, k.Path))), Is.Empty);
    }

    [TestCase("keys/data.key")]
    [TestCase("keys/signing.key")]
    [TestCase("tls/node.key")]
    public void Restore_KeyStoreHoldsAnotherKey_RefusedNamingItBeforeWriting(string file)
    {
        BackupCommand.Run(Folder.Data, Folder.Backup, Now);
        using var other = new BackupDataFolder();
        var store = Path.Combine(Folder.Root, "store");
        foreach (var key in new[] { "keys/data.key", "keys/signing.key", "keys/witness.key", "tls/node.key" })
        {
            DataFolder.CopyOwnerOnly(Path.Combine(key == file ? other.Data : Folder.Data, key), Path.Combine(store, key));
        }

        var (restored, problems) = RestoreCommand.Run(Folder.Backup, Folder.Target, new RestoreOptions(KeyStore: store), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains($"--keys: {file}: got the").And.Contains("another region's or an older key"));
        Assert.That(Folder.NothingRestored(), Is.True);
    }

    [Test]
    public void Restore_KeyStoreMissingAKey_RefusedBeforeWriting()
    {
        BackupCommand.Run(Folder.Data, Folder.Backup, Now);
        File.Delete(Path.Combine(Folder.Data, "keys", "witness.key"));

        var (restored, problems) = RestoreCommand.Run(Folder.Backup, Folder.Target, new RestoreOptions(KeyStore: Folder.Data), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains("--keys: keys/witness.key: missing"));
        Assert.That(Folder.NothingRestored(), Is.True);
    }
}
