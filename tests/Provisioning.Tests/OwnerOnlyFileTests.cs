using System.Runtime.Versioning;
using Regional.Provisioning.Tests.Support;

namespace Regional.Provisioning.Tests;

/// <summary>Secret files: created 0600 in a 0700 folder, never overwritten, refused when others may read them.</summary>
[TestFixture]
[Platform(Exclude = "Win", Reason = "Unix file modes")]
[UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyFileTests : TempFolderFixture
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    public void WriteNew_NewFolder_FileOwnerOnlyInOwnerOnlyFolder()
    {
        // Arrange
        var path = Path.Combine(Folder, "keys", "signing.key");

        // Act
        OwnerOnlyFile.WriteNew(path, "secret\n");

        // Assert
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(OwnerReadWrite));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(path)!), Is.EqualTo(OwnerReadWrite | UnixFileMode.UserExecute));
        Assert.That(OwnerOnlyFile.Read(path, "signing key"), Is.EqualTo("secret\n"));
        Assert.That(File.Exists(path + ".tmp"), Is.False);
    }

    [Test]
    public void WriteNew_FileExists_RefusesAndKeepsIt()
    {
        // Arrange
        var path = Path.Combine(Folder, "signing.key");
        OwnerOnlyFile.WriteNew(path, "first");

        // Act + Assert
        Assert.Throws<IOException>(() => OwnerOnlyFile.WriteNew(path, "second"));
        Assert.That(File.ReadAllText(path), Is.EqualTo("first"));
    }

    [TestCase(UnixFileMode.GroupRead, "0640")]
    [TestCase(UnixFileMode.OtherRead, "0604")]
    [TestCase(UnixFileMode.GroupWrite, "0620")]
    public void Read_GroupOrOthersMayAccess_RefusedSayingHowToFix(UnixFileMode extra, string octal)
    {
        // Arrange
        var path = Path.Combine(Folder, "signing.key");
        OwnerOnlyFile.WriteNew(path, "secret");
        File.SetUnixFileMode(path, OwnerReadWrite | extra);

        // Act
        var error = Assert.Throws<FederationFileException>(() => OwnerOnlyFile.Read(path, "signing key"));

        // Assert
        Assert.That(error!.Message, Is.EqualTo($"signing key {path}: got mode {octal}, want 0600 (readable by its owner only); run: chmod 600 '{path}'"));
    }
}
