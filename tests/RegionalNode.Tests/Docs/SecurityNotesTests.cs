using System.Text.RegularExpressions;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Docs;

/// <summary>
/// SECURITY.md backs every claim with a test named `Class.Method` (or `Class.*` for a whole class).
/// Every name it gives must be a test that exists, so the notes cannot cite a test that was renamed
/// or deleted.
/// </summary>
[TestFixture]
public sealed partial class SecurityNotesTests
{
    private static readonly string Root = Repository.Root;

    [Test]
    public void SecurityNotes_EveryCitedTest_ExistsInTheTestProjects()
    {
        // Arrange
        var notes = File.ReadAllText(Path.Combine(Root, "SECURITY.md"));
        var sources = Directory.GetFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var cited = Citation().Matches(notes).Select(m => (Class: m.Groups[1].Value, Method: m.Groups[2].Value)).Distinct().ToList();

        // Act
        var missing = cited.Where(c => !Exists(sources, c.Class, c.Method)).Select(c => $"{c.Class}.{c.Method}").ToList();

        // Assert
        Assert.That(cited, Has.Count.GreaterThan(40), "SECURITY.md should cite the tests behind its claims");
        Assert.That(missing, Is.Empty, "SECURITY.md cites tests that do not exist");
    }

    /// <summary>Whether a file declares the class and (for a method name) that file or another part
    /// of the class declares a public test method of that name.</summary>
    private static bool Exists(List<string> sources, string type, string method)
    {
        var declaring = sources.Where(s => Regex.IsMatch(s, $@"\bclass {type}\b")).ToList();
        return declaring.Count > 0
            && (method == "*" || declaring.Any(s => Regex.IsMatch(s, $@"public (async Task|void) {method}\(")));
    }

    /// <summary>`Class.Method` or `Project: Class.Method` or `Class.*`, where the class ends in Tests.</summary>
    [GeneratedRegex(@"`(?:[\w.]+: )?(\w+Tests)\.(\w+|\*)`")]
    private static partial Regex Citation();
}
