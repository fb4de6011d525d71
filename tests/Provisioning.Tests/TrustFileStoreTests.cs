using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning.Tests.Support;

namespace Regional.Provisioning.Tests;

/// <summary>The trust file on disk: read errors name the file; the CA certificate is found beside it.</summary>
[TestFixture]
public sealed class TrustFileStoreTests : TempFolderFixture
{
    [Test]
    public void Read_NoFile_ErrorNamesTheFile()
    {
        // Arrange
        var path = Path.Combine(Folder, "trust.json");

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
        var path = Path.Combine(Folder, "trust.json");
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
        var path = Path.Combine(Folder, "trust.json");
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
        Directory.CreateDirectory(Path.Combine(Folder, "ca"));
        File.WriteAllText(Path.Combine(Folder, "ca", "ca.crt"), "");
        var file = new TrustFile { Suite = "gm", WitnessQuorum = 0, CaCertificate = "ca/ca.crt", Regions = [Region("bj")] };

        // Act
        var (trust, problems) = TrustFileStore.Check(file, Folder);

        // Assert
        Assert.That(problems, Is.Empty);
        Assert.That(trust!.CaCertificatePath, Is.EqualTo(Path.Combine(Folder, "ca", "ca.crt")));
    }

    [Test]
    public void Check_CaCertificateMissing_ProblemNamesTheFullPath()
    {
        // Act
        var (trust, problems) = TrustFileStore.Check(new TrustFile { Suite = "gm", CaCertificate = "ca/ca.crt" }, Folder);

        // Assert
        Assert.That(trust, Is.Null);
        Assert.That(problems, Does.Contain($"caCertificate: no file at {Path.Combine(Folder, "ca", "ca.crt")}"));
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
