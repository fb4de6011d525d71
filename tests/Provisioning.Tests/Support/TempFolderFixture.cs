namespace Regional.Provisioning.Tests.Support;

/// <summary>A fresh temporary folder for each test, deleted after it: these types write files.</summary>
public abstract class TempFolderFixture
{
    /// <summary>The test's own folder, empty when it starts.</summary>
    protected string Folder { get; private set; } = null!;

    [SetUp]
    public void CreateFolder() => Folder = Directory.CreateTempSubdirectory("regional-provisioning-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Folder, recursive: true);
}
