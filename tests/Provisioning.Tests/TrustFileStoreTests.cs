using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;

namespace Regional.Provisioning.Tests;

/// <summary>The trust file on disk: read errors name the file; the CA certificate is found beside it.</summary>
[TestFixture]
public sealed class TrustFileStoreTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("regional-trust-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Read_NoFile_ErrorNamesTheFile()
    {
        // Arrange
        var path = Path.Combine(_folder, "trust.json");

        // Act
        var (file, error) = TrustFileStore.Read(path);

        // Assert
        Assert.That(file, Is.Null);
        Assert.That(error, Does.StartWith($"trust file {path}: "));
    }

    [TestCase("not json")]
    [TestCase("null")]
    public void Read_NotATrustFile_ErrorNamesTheFile(string text)
    {
        // Arrange
        var path = Path.Combine(_folder, "trust.json");
        File.WriteAllText(path, text);

        // Act
        var (file, error) = TrustFileStore.Read(path);

        // Assert
        Assert.That(file, Is.Null);
        Assert.That(error, Does.StartWith($"trust file {path}: "));
    }

    [Test]
    public void Read_WrittenFile_SameFile()
    {
        // Arrange
        var path = Path.Combine(_folder, "trust.json");
        var written = new TrustFile { Suite = "intl", WitnessQuorum = 0, CaCertificate = "ca/ca.crt" };
        File.WriteAllText(path, written.ToJson());

        // Act
        var (file, error) = TrustFileStore.Read(path);

        // Assert
        Assert.That(error, Is.Null);
        Assert.That(file!.ToJson(), Is.EqualTo(written.ToJson()));
    }

    [Test]
    public void Check_CaCertificateBesideTheFile_ResolvedToItsFullPath()
    {
        // Arrange
        Directory.CreateDirectory(Path.Combine(_folder, "ca"));
        File.WriteAllText(Path.Combine(_folder, "ca", "ca.crt"), "");
        var file = new TrustFile { Suite = "gm", WitnessQuorum = 0, CaCertificate = "ca/ca.crt", Regions = [Region("bj")] };

        // Act
        var (trust, problems) = TrustFileStore.Check(file, _folder);

        // Assert
        Assert.That(problems, Is.Empty);
        Assert.That(trust!.CaCertificatePath, Is.EqualTo(Path.Combine(_folder, "ca", "ca.crt")));
    }

    [Test]
    public void Check_CaCertificateMissing_ProblemNamesTheFullPath()
    {
        // Act
        var (trust, problems) = TrustFileStore.Check(new TrustFile { Suite = "gm", CaCertificate = "ca/ca.crt" }, _folder);

        // Assert
        Assert.That(trust, Is.Null);
        Assert.That(problems, Does.Contain($"caCertificate: no file at {Path.Combine(_folder, "ca", "ca.crt")}"));
    }

    private static TrustFileRegion Region(string id)
    {
        var origin = $"regional.example/{id}";
        return new TrustFileRegion
        {
            Id = id,
            Name = id,
            Endpoint = "https://127.0.0.1:7101",
            Origin = origin,
            LogKeys = [NoteVerifier.Create(origin, PrivateKey.Generate(SignatureAlgorithm.Sm2).PublicKey).VerifierKey],
            WitnessKeys = [NoteVerifier.Create($"{origin}/witness", PrivateKey.Generate(SignatureAlgorithm.Sm2).PublicKey, NoteKeyKind.Cosignature).VerifierKey],
        };
    }
}
