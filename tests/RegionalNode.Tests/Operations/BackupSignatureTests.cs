using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Hosting;
using Regional.Node.Ledger;
using Regional.Node.Operations;
using Regional.Node.Security;
using Regional.Node.Storage;

using Regional.Provisioning;
using Regional.Node.Configuration;

namespace Regional.Node.Tests.Operations;

/// <summary>A backup's manifest is signed with the region's current log key; restore checks it against
/// the trust file or, without one, against the backed-up log, and refuses a missing or bad signature,
/// an edited manifest or a swapped file before it writes anything.</summary>
[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class BackupSignatureTests : BackupFolderFixture
{
    private string ManifestPath => Path.Combine(Folder.Backup, DataFolder.ManifestFile);

    private string SignaturePath => Path.Combine(Folder.Backup, ManifestSignature.FileName);

    [SetUp]
    public void MakeBackup()
    {
        var (_, problem) = BackupCommand.Run(Folder.Data, Folder.Backup, Now);
        Assert.That(problem, Is.Null);
    }

    [Test]
    public void Backup_Manifest_IsASignedNoteOfTheLogsKey()
    {
        var note = File.ReadAllText(ManifestPath) + "\n" + File.ReadAllText(SignaturePath);

        Assert.That(NoteVerification.VerifyIssuer(note, Folder.Signer.Verifier).IsValid, Is.True);
    }

    [TestCase(true, "region bj's log key in the trust file")]
    [TestCase(false, "the key that signed the backed-up log's latest checkpoint (no trust file")]
    public void Restore_SignedBackup_SaysWhichKeyItCheckedAgainst(bool withTrustFile, string expected)
    {
        var (restored, problems) = Restore(withTrustFile);

        Assert.That(problems, Is.Empty);
        Assert.That(restored!.SignedWith, Does.StartWith(Folder.Signer.Verifier.VerifierKey).And.Contain(expected));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Restore_ManifestEditedByOneByte_RefusedBeforeWriting(bool withTrustFile)
    {
        var text = File.ReadAllText(ManifestPath);
        File.WriteAllText(ManifestPath, text.Replace("\"region\": \"bj\"", "\"region\": \"bk\"", StringComparison.Ordinal));

        var (restored, problems) = Restore(withTrustFile);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains("manifest.sig").And.Contains("changed after it was signed"));
        Assert.That(Folder.NothingRestored(), Is.True);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Restore_DatabaseSwappedForALaterOne_RefusedBeforeWriting(bool withTrustFile)
    {
        Folder.SealBlock();
        var later = Path.Combine(Folder.Root, "later");
        BackupCommand.Run(Folder.Data, later, Now);
        File.Copy(Path.Combine(later, "ledger.db"), Path.Combine(Folder.Backup, "ledger.db"), overwrite: true);

        var (restored, problems) = Restore(withTrustFile);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains("ledger.db: SHA-256"));
        Assert.That(Folder.NothingRestored(), Is.True);
    }

    [TestCase(true, "want " + "regional.example/bj+")]
    [TestCase(false, "not the backed-up log's current key")]
    public void Restore_ManifestResignedByAnotherKey_RefusedBeforeWriting(bool withTrustFile, string expected)
    {
        // The forger rewrites the manifest to name its own key, named for bj's origin, and signs it.
        var forger = NoteSigner.Create(BackupDataFolder.Origin, PrivateKey.Generate(SignatureAlgorithm.Sm2));
        var text = File.ReadAllText(ManifestPath).Replace(Folder.Signer.Verifier.VerifierKey, forger.Verifier.VerifierKey, StringComparison.Ordinal);
        File.WriteAllText(ManifestPath, text);
        File.WriteAllText(SignaturePath, ManifestSignature.Sign(text, forger));

        var (restored, problems) = Restore(withTrustFile);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains(expected));
        Assert.That(Folder.NothingRestored(), Is.True);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Restore_SignatureMissing_RefusedBeforeWriting(bool withTrustFile)
    {
        File.Delete(SignaturePath);

        var (restored, problems) = Restore(withTrustFile);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains("manifest.sig: missing"));
        Assert.That(Folder.NothingRestored(), Is.True);
    }

    [Test]
    public void Restore_TrustFileListsAnotherKeyForTheRegion_RefusedBeforeWriting()
    {
        var other = NoteVerifier.Create(BackupDataFolder.Origin, PrivateKey.Generate(SignatureAlgorithm.Sm2).PublicKey);
        var trust = Folder.WriteTrustFile(other);

        var (restored, problems) = RestoreCommand.Run(Folder.Backup, Folder.Target, new RestoreOptions(TrustFile: trust), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains($"want {other.VerifierKey}"));
        Assert.That(Folder.NothingRestored(), Is.True);
    }

    [Test]
    public void Backup_SigningKeyNotTheLogs_RefusedNothingWritten()
    {
        var data = Folder.Data;
        var key = Path.Combine(data, "keys", "signing.key");
        File.Delete(key);
        OwnerOnlyFile.WriteNew(key, KeyFile.Format(PrivateKey.Generate(SignatureAlgorithm.Sm2)));
        var backup = Path.Combine(Folder.Root, "second");

        var (manifest, problem) = BackupCommand.Run(data, backup, Now);

        Assert.That(manifest, Is.Null);
        Assert.That(problem, Does.Contain("did not sign the log's latest checkpoint"));
        Assert.That(Directory.Exists(backup), Is.False);
    }

    [Test]
    public void Backup_AfterKeyRotation_SignedByTheKeyTheLogMovedToAndRestoredAgainstIt()
    {
        // Arrange: rotate-key moves the log to a new key, written beside the first as signing-<key id>.key.
        RotationResult rotation;
        using (var session = new Database(Path.Combine(Folder.Data, DataFolder.LedgerDatabase)).Open())
        {
            var log = OwnLog.Open(session, Suite.Gm, "bj", BackupDataFolder.Origin);
            var keyPath = Path.Combine(Folder.Data, "keys", "signing.key");
            var keys = new SigningKeyStore(Options.Create(new NodeOptions { SigningKeyPath = keyPath }), Suite.Gm, NullLogger<SigningKeyStore>.Instance);
            rotation = KeyRotationCeremony.Rotate(session, log, keys, keyPath, Now);
        }
        SqliteConnection.ClearAllPools();
        var backup = Path.Combine(Folder.Root, "rotated");

        // Act
        var (manifest, problem) = BackupCommand.Run(Folder.Data, backup, Now);
        var (restored, problems) = RestoreCommand.Run(backup, Folder.Target, new RestoreOptions(), Now);

        // Assert
        Assert.That(problem, Is.Null);
        Assert.That(manifest!.SignedBy, Is.EqualTo(rotation.NewKey.VerifierKey));
        Assert.That(manifest.Keys.Where(k => k.Kind == "log signing key").Select(k => k.VerifierKey),
            Is.EquivalentTo(new[] { rotation.PreviousKey.VerifierKey, rotation.NewKey.VerifierKey }));
        Assert.That(problems, Is.Empty);
        Assert.That(restored!.SignedWith, Does.Contain("the key the backed-up log's last key rotation moved to"));
    }

    private (Restored? Restored, IReadOnlyList<string> Problems) Restore(bool withTrustFile) =>
        RestoreCommand.Run(Folder.Backup, Folder.Target, new RestoreOptions(TrustFile: withTrustFile ? Folder.WriteTrustFile() : null), Now);
}
