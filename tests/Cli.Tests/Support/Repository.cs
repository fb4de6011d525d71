namespace Regional.Cli.Tests.Support;

/// <summary>The clone the tests run from, for tests that read its files (README, sources).</summary>
internal static class Repository
{
    /// <summary>The folder holding Regional.sln, above the test binaries.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Regional.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("no Regional.sln above the test binaries");
    }
}
