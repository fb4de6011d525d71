using System.Runtime.Versioning;
using Regional.Node.Operations;

namespace Regional.Node.Tests.Operations;

/// <summary>A backup carries no private key unless --include-keys; restore takes the keys from the
/// operator's key store, only the very keys the manifest names, or lists what to put back.</summary>
[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class BackupKeysTests
{
    private static readonly DateTimeOffset Now = BackupDataFolder.Now;
    private BackupDataFolder _folder = null!;

    [SetUp]
    public void MakeDataFolder() => _folder = new BackupDataFolder();

    [TearDown]
    public void RemoveFolders() => _folder.Dispose();

    [Test]
    public void Backup_WithoutIncludeKeys_NoFileHoldsAnyPrivateKey()
    {
        var (manifest, _) = BackupCommand.Run(_folder.Data, _folder.Backup, Now);

        Assert.That(manifest!.IncludesKeys, Is.False);
        foreach (var key in manifest.Keys)
        {
            Assert.That(File.Exists(Path.Combine(_folder.Backup, key.Path)), Is.False, key.Path);
        }
        var files = Directory.GetFiles(_folder.Backup, "*", SearchOption.AllDirectories);
        foreach (var (what, bytes) in _folder.PrivateKeyTraces())
        {
            Assert.That(files.Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(bytes) >= 0), Is.Empty, $"{what} found in the backup");
        }
    }

    [Test]
    public void Backup_WithIncludeKeys_CarriesEveryKeyAndTheManifestSaysSo()
    {
        var (manifest, _) = BackupCommand.Run(_folder.Data, _folder.Backup, Now, includeKeys: true);

        Assert.That(manifest!.IncludesKeys, Is.True);
        Assert.That(manifest.Files.Where(f => f.Kind == "key").Select(f => f.Path), Is.EquivalentTo(manifest.Keys.Select(k => k.Path)));
        foreach (var key in manifest.Keys)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(_folder.Backup, key.Path)), Is.EqualTo(File.ReadAllBytes(Path.Combine(_folder.Data, key.Path))), key.Path);
        }
        Assert.That(File.ReadAllText(Path.Combine(_folder.Backup, "tls", "node.key")), Does.Contain("PRIVATE KEY-----"));
    }

    [Test]
    public void Restore_KeylessWithKeyStore_CopiesEachNamedKeyOwnerOnly()
    {
        var (manifest, _) = BackupCommand.Run(_folder.Data, _folder.Backup, Now);

        var (restored, problems) = RestoreCommand.Run(_folder.Backup, _folder.Target, new RestoreOptions(KeyStore: _folder.Data), Now);

        Assert.That(problems, Is.Empty);
        Assert.That(restored!.KeysToPutBack, Is.Empty);
        foreach (var key in manifest!.Keys)
        {
            var copy = Path.Combine(_folder.Target, key.Path);
            Assert.That(File.ReadAllBytes(copy), Is.EqualTo(File.ReadAllBytes(Path.Combine(_folder.Data, key.Path))), key.Path);
            Assert.That(File.GetUnixFileMode(copy), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), key.Path);
        }
    }

    [Test]
    public void Restore_KeylessWithoutKeyStore_RestoresAndListsTheKeysToPutBack()
    {
        var (manifest, _) = BackupCommand.Run(_folder.Data, _folder.Backup, Now);

        var (restored, problems) = RestoreCommand.Run(_folder.Backup, _folder.Target, new RestoreOptions(), Now);

        Assert.That(problems, Is.Empty);
        Assert.That(restored!.KeysToPutBack.Select(k => k.Path), Is.EquivalentTo(manifest!.Keys.Select(k => k.Path)));
        Assert.That(File.Exists(Path.Combine(_folder.Target, "ledger.db")), Is.True);
        Assert.That(restored.KeysToPutBack.Where(k => File.Exists(Path.Combine(_folder.Target, k.Path))), Is.Empty);
    }

    [TestCase("keys/data.key")]
    [TestCase("keys/signing.key")]
    [TestCase("tls/node.key")]
    public void Restore_KeyStoreHoldsAnotherKey_RefusedNamingItBeforeWriting(string file)
    {
        BackupCommand.Run(_folder.Data, _folder.Backup, Now);
        using var other = new BackupDataFolder();
        var store = Path.Combine(_folder.Root, "store");
        foreach (var key in new[] { "keys/data.key", "keys/signing.key", "keys/witness.key", "tls/node.key" })
        {
            DataFolder.CopyOwnerOnly(Path.Combine(key == file ? other.Data : _folder.Data, key), Path.Combine(store, key));
        }

        var (restored, problems) = RestoreCommand.Run(_folder.Backup, _folder.Target, new RestoreOptions(KeyStore: store), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains($"--keys: {file}: got the").And.Contains("another region's or an older key"));
        Assert.That(_folder.NothingRestored(), Is.True);
    }

    [Test]
    public void Restore_KeyStoreMissingAKey_RefusedBeforeWriting()
    {
        BackupCommand.Run(_folder.Data, _folder.Backup, Now);
        File.Delete(Path.Combine(_folder.Data, "keys", "witness.key"));

        var (restored, problems) = RestoreCommand.Run(_folder.Backup, _folder.Target, new RestoreOptions(KeyStore: _folder.Data), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains("--keys: keys/witness.key: missing"));
        Assert.That(_folder.NothingRestored(), Is.True);
    }
}
