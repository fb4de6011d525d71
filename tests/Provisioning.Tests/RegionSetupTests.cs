using Regional.LicenseVerifier.Crypto;
using Regional.LicenseVerifier.Notes;
using Regional.LicenseVerifier.Trust;
using Regional.Provisioning.Tests.Support;

namespace Regional.Provisioning.Tests;

/// <summary>A region's keys are made once, before its node first starts, and its trust file entry lists them.</summary>
[TestFixture]
public sealed class RegionSetupTests : TempFolderFixture
{
    [Test]
    public void Ensure_EmptyFolder_MakesBothKeysAndListsThem()
    {
        // Arrange
        var made = new List<string>();

        // Act
        var entry = RegionSetup.Ensure("tj", "天津 Tianjin", "https://127.0.0.1:7102", Folder, Suite.Gm, made.Add);

        // Assert
        var log = KeyFile.Read(Path.Combine(Folder, "keys", "signing.key"), Suite.Gm);
        var witness = KeyFile.Read(Path.Combine(Folder, "keys", "witness.key"), Suite.Gm);
        Assert.That(made, Is.EqualTo(new[] { Path.Combine(Folder, "keys", "signing.key"), Path.Combine(Folder, "keys", "witness.key") }));
        Assert.That((entry.Id, entry.Name, entry.Endpoint, entry.Origin), Is.EqualTo(("tj", "天津 Tianjin", "https://127.0.0.1:7102", "regional.example/tj")));
        Assert.That(entry.LogKeys, Is.EqualTo(new[] { NoteVerifier.Create("regional.example/tj", log.PublicKey).VerifierKey }));
        Assert.That(entry.WitnessKeys, Is.EqualTo(new[] { NoteVerifier.Create("regional.example/tj/witness", witness.PublicKey, NoteKeyKind.Cosignature).VerifierKey }));
    }

    [Test]
    public void Ensure_Again_KeepsTheKeys()
    {
        // Arrange
        var first = RegionSetup.Ensure("bj", "bj", "https://127.0.0.1:7101", Folder, Suite.Intl);
        var made = new List<string>();

        // Act
        var second = RegionSetup.Ensure("bj", "bj", "https://127.0.0.1:7101", Folder, Suite.Intl, made.Add);

        // Assert
        Assert.That(made, Is.Empty);
        Assert.That(second.LogKeys, Is.EqualTo(first.LogKeys));
        Assert.That(second.WitnessKeys, Is.EqualTo(first.WitnessKeys));
    }

    [Test]
    public void Ensure_ThreeRegions_TrustFileChecks()
    {
        // Act
        string[] regions = ["bj", "tj", "he"];
        var file = new TrustFile
        {
            Suite = "gm",
            WitnessQuorum = 1,
            Regions = [.. regions.Select((r, i) => RegionSetup.Ensure(r, r, $"https://127.0.0.1:{7101 + i}", Path.Combine(Folder, r), Suite.Gm))],
        };

        // Assert
        var (trust, problems) = FederationTrust.Check(file);
        Assert.That(problems, Is.Empty);
        Assert.That(trust!.Regions.Select(r => r.Origin), Is.EqualTo(regions.Select(RegionSetup.Origin)));
    }
}
