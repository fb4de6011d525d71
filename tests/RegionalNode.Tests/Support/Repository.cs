namespace Regional.Node.Tests.Support;

/// <summary>The checkout the tests run from, for tests that read its sources and documents as text.</summary>
public static class Repository
{
    /// <summary>The folder that holds Regional.sln, above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Regional.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException($"no Regional.sln above {AppContext.BaseDirectory}");
    }
}
