using System.Runtime.Versioning;
using System.Text;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Operations;
using Regional.Node.Security;

namespace Regional.Node.Tests.Operations;

/// <summary>A backup's manifest is signed with the region's current log key; restore checks it against
/// the trust file or, without one, against the backed-up log, and refuses a missing or bad signature,
/// an edited manifest or a swapped file before it writes anything.</summary>
[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class BackupSignatureTests
{
    private static readonly DateTimeOffset Now = BackupDataFolder.Now;
    private BackupDataFolder _folder = null!;

    private string ManifestPath => Path.Combine(_folder.Backup, DataFolder.ManifestFile);

    private string SignaturePath => Path.Combine(_folder.Backup, ManifestSignature.FileName);

    [SetUp]
    public void MakeBackup()
    {
        _folder = new BackupDataFolder();
        var (_, problem) = BackupCommand.Run(_folder.Data, _folder.Backup, Now);
        Assert.That(problem, Is.Null);
    }

    [TearDown]
    public void RemoveFolders() => _folder.Dispose();

    [Test]
    public void Backup_Manifest_IsASignedNoteOfTheLogsKey()
    {
        var note = File.ReadAllText(ManifestPath) + "\n" + File.ReadAllText(SignaturePath);

        Assert.That(NoteVerification.VerifyIssuer(note, _folder.Signer.Verifier).IsValid, Is.True);
    }

    [TestCase(true, "region bj's log key in the trust file")]
    [TestCase(false, "the key that signed the backed-up log's latest checkpoint (no trust file")]
    public void Restore_SignedBackup_SaysWhichKeyItCheckedAgainst(bool withTrustFile, string expected)
    {
        var (restored, problems) = Restore(withTrustFile);

        Assert.That(problems, Is.Empty);
        Assert.That(restored!.SignedWith, Does.StartWith(_folder.Signer.Verifier.VerifierKey).And.Contain(expected));
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
        Assert.That(_folder.NothingRestored(), Is.True);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Restore_DatabaseSwappedForALaterOne_RefusedBeforeWriting(bool withTrustFile)
    {
        _folder.SealBlock();
        var later = Path.Combine(_folder.Root, "later");
        BackupCommand.Run(_folder.Data, later, Now);
        File.Copy(Path.Combine(later, "ledger.db"), Path.Combine(_folder.Backup, "ledger.db"), overwrite: true);

        var (restored, problems) = Restore(withTrustFile);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains("ledger.db: SHA-256"));
        Assert.That(_folder.NothingRestored(), Is.True);
    }

    [TestCase(true, "want " + "regional.example/bj+")]
    [TestCase(false, "not the backed-up log's current key")]
    public void Restore_ManifestResignedByAnotherKey_RefusedBeforeWriting(bool withTrustFile, string expected)
    {
        // The forger rewrites the manifest to name its own key, named for bj's origin, and signs it.
        var forger = NoteSigner.Create(BackupDataFolder.Origin, PrivateKey.Generate(SignatureAlgorithm.Sm2));
        var text = File.ReadAllText(ManifestPath).Replace(_folder.Signer.Verifier.VerifierKey, forger.Verifier.VerifierKey, StringComparison.Ordinal);
        File.WriteAllText(ManifestPath, text);
        File.WriteAllText(SignaturePath, ManifestSignature.Sign(text, forger));

        var (restored, problems) = Restore(withTrustFile);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains(expected));
        Assert.That(_folder.NothingRestored(), Is.True);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Restore_SignatureMissing_RefusedBeforeWriting(bool withTrustFile)
    {
        File.Delete(SignaturePath);

        var (restored, problems) = Restore(withTrustFile);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains("manifest.sig: missing"));
        Assert.That(_folder.NothingRestored(), Is.True);
    }

    [Test]
    public void Restore_TrustFileListsAnotherKeyForTheRegion_RefusedBeforeWriting()
    {
        var other = NoteVerifier.Create(BackupDataFolder.Origin, PrivateKey.Generate(SignatureAlgorithm.Sm2).PublicKey);
        var trust = _folder.WriteTrustFile(other);

        var (restored, problems) = RestoreCommand.Run(_folder.Backup, _folder.Target, new RestoreOptions(TrustFile: trust), Now);

        Assert.That(restored, Is.Null);
        Assert.That(problems, Has.Exactly(1).Contains($"want {other.VerifierKey}"));
        Assert.That(_folder.NothingRestored(), Is.True);
    }

    [Test]
    public void Backup_SigningKeyNotTheLogs_RefusedNothingWritten()
    {
        var data = _folder.Data;
        var key = Path.Combine(data, "keys", "signing.key");
        File.Delete(key);
        OwnerOnlyFile.WriteNew(key, SigningKeyStore.Format(PrivateKey.Generate(SignatureAlgorithm.Sm2)));
        var backup = Path.Combine(_folder.Root, "second");

        var (manifest, problem) = BackupCommand.Run(data, backup, Now);

        Assert.That(manifest, Is.Null);
        Assert.That(problem, Does.Contain("did not sign the log's latest checkpoint"));
        Assert.That(Directory.Exists(backup), Is.False);
    }

    private (Restored? Restored, IReadOnlyList<string> Problems) Restore(bool withTrustFile) =>
        RestoreCommand.Run(_folder.Backup, _folder.Target, new RestoreOptions(TrustFile: withTrustFile ? _folder.WriteTrustFile() : null), Now);
}
