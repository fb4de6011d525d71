using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Data.Sqlite;
using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.Node.Catalog;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning;
using Regional.Node.Ledger;
using Regional.Node.Operations;
using Regional.Node.Security;
using Regional.Node.Storage;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Tests.Operations;

/// <summary>
/// A node's data folder on disk as a region leaves it, without running a node: ledger.db with one
/// signed block, keys/signing.key, keys/witness.key, keys/data.key, a TLS pair in tls/ and the node's
/// log output; plus a temporary root for backups, restored folders and trust files.
/// </summary>
internal sealed class BackupDataFolder : IDisposable
{
    public const string Origin = "regional.example/bj";
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public BackupDataFolder()
    {
        Root = Directory.CreateTempSubdirectory("regional-backup-").FullName;
        SigningKey = PrivateKey.Generate(SignatureAlgorithm.Sm2);
        OwnerOnlyFile.WriteNew(Path.Combine(Data, "keys", "signing.key"), KeyFile.Format(SigningKey));
        OwnerOnlyFile.WriteNew(Path.Combine(Data, "keys", "witness.key"), KeyFile.Format(PrivateKey.Generate(SignatureAlgorithm.Sm2)));
        DataKey = DataKeyFile.LoadOrCreate(Path.Combine(Data, "keys", "data.key"));
        using (var tls = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            OwnerOnlyFile.WriteNew(Path.Combine(Data, "tls", "node.key"), tls.ExportPkcs8PrivateKeyPem());
            using var certificate = new CertificateRequest("CN=regional-bj test", tls, HashAlgorithmName.SHA256).CreateSelfSigned(Now, Now.AddYears(1));
            File.WriteAllText(Path.Combine(Data, "tls", "node.crt"), certificate.ExportCertificatePem());
        }
        SealBlock();
        File.WriteAllText(Path.Combine(Data, "node.log"), "not part of a backup");
    }

    public string Root { get; }

    public string Data => Path.Combine(Root, "data");

    public string Backup => Path.Combine(Root, "backup");

    public string Target => Path.Combine(Root, "restored");

    public PrivateKey SigningKey { get; }

    public NoteSigner Signer => NoteSigner.Create(Origin, SigningKey);

    public byte[] DataKey { get; }

    /// <summary>Seals one more block (a catalog entry) into the own log.</summary>
    public void SealBlock()
    {
        using (var session = new Database(Path.Combine(Data, DataFolder.LedgerDatabase)).Open())
        {
            var log = OwnLog.Open(session, Suite.Gm, "bj", Origin);
            var type = StarterCatalogLoader.Load("bj")[(int)log.State.Head.TreeSize];
            new BlockSealer(Suite.Gm, "bj", Origin, Signer).Seal(session, log.State, [new RegisterLicenseTypeCommand(type)], Now);
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A trust file listing region bj with the given log key (default: the folder's own).</summary>
    public string WriteTrustFile(NoteVerifier? logKey = null)
    {
        var path = Path.Combine(Root, "trust.json");
        var witness = NoteVerifier.Create($"{Origin}/witness", PrivateKey.Generate(SignatureAlgorithm.Sm2).PublicKey, NoteKeyKind.Cosignature);
        File.WriteAllText(path, new TrustFile
        {
            Suite = "gm",
            WitnessQuorum = 0,
            Regions = [new TrustFileRegion
            {
                Id = "bj", Name = "北京", Endpoint = "https://127.0.0.1:7101", Origin = Origin,
                LogKeys = [(logKey ?? Signer.Verifier).VerifierKey], WitnessKeys = [witness.VerifierKey],
            }],
        }.ToJson());
        return path;
    }

    /// <summary>Every private key of the folder as bytes to look for: the key files' contents, their
    /// secrets (raw and base64) and the PEM marker of a private key.</summary>
    public IEnumerable<(string What, byte[] Bytes)> PrivateKeyTraces()
    {
        foreach (var file in new[] { "keys/signing.key", "keys/witness.key", "keys/data.key", "tls/node.key" })
        {
            yield return (file, File.ReadAllBytes(Path.Combine(Data, file)));
        }
        yield return ("the signing secret", SigningKey.ExportSecret());
        yield return ("the signing secret in base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(SigningKey.ExportSecret())));
        yield return ("the data key", DataKey);
        yield return ("a PEM private key", "PRIVATE KEY-----"u8.ToArray());
        yield return ("a signing key file", Encoding.ASCII.GetBytes(KeyFile.Header));
    }

    /// <summary>Whether restore wrote anything: the target, or a staging folder beside it.</summary>
    public bool NothingRestored() =>
        !Directory.EnumerateDirectories(Root).Any(d => Path.GetFileName(d).StartsWith("restored", StringComparison.Ordinal));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>Tests that each start from a fresh <see cref="BackupDataFolder"/>, removed afterwards.</summary>
public abstract class BackupFolderFixture
{
    protected static readonly DateTimeOffset Now = BackupDataFolder.Now;

    internal BackupDataFolder Folder { get; private set; } = null!;

    [SetUp]
    public void MakeDataFolder() => Folder = new BackupDataFolder();

    [TearDown]
    public void RemoveFolders() => Folder.Dispose();
}
