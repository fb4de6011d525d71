using System.Runtime.Versioning;
using Regional.Node.Storage.Encryption;

namespace Regional.Node.Tests.Storage.Encryption;

[Platform(Exclude = "Win")]
[UnsupportedOSPlatform("windows")]
public class DataKeyFileTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("regional-datakey-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void LoadOrCreate_NoFile_Creates32ByteKeyWithMode0600()
    {
        var path = Path.Combine(_folder, "keys", "data.key");

        var key = DataKeyFile.LoadOrCreate(path);

        Assert.That(key, Has.Length.EqualTo(32));
        Assert.That(key, Is.Not.EqualTo(new byte[32]));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(key));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(path)!) & (UnixFileMode)0b000_111_111, Is.EqualTo(UnixFileMode.None));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file left");
    }

    [Test]
    public void LoadOrCreate_ExistingFile_ReturnsSameKey()
    {
        var path = Path.Combine(_folder, "data.key");
        var first = DataKeyFile.LoadOrCreate(path);

        var second = DataKeyFile.LoadOrCreate(path);

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase(0)]
    [TestCase(31)]
    [TestCase(33)]
    public void LoadOrCreate_WrongSize_ThrowsNamingSize(int length)
    {
        var path = Path.Combine(_folder, "data.key");
        File.WriteAllBytes(path, new byte[length]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = Assert.Throws<InvalidDataException>(() => DataKeyFile.LoadOrCreate(path));

        Assert.That(error!.Message, Does.Contain($"got {length} bytes, want 32"));
    }

    [TestCase(UnixFileMode.GroupRead)]
    [TestCase(UnixFileMode.OtherRead)]
    [TestCase(UnixFileMode.GroupWrite)]
    [TestCase(UnixFileMode.OtherExecute)]
    public void LoadOrCreate_GroupOrOtherPermission_ThrowsWithChmodHint(UnixFileMode extra)
    {
        var path = Path.Combine(_folder, "data.key");
        DataKeyFile.LoadOrCreate(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var error = Assert.Throws<UnauthorizedAccessException>(() => DataKeyFile.LoadOrCreate(path));

        Assert.That(error!.Message, Does.Contain("chmod 600"));
    }

    [Test]
    public void LoadOrCreate_OwnerReadOnly_Accepted()
    {
        var path = Path.Combine(_folder, "data.key");
        var key = DataKeyFile.LoadOrCreate(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead);

        Assert.That(DataKeyFile.LoadOrCreate(path), Is.EqualTo(key));
    }
}
