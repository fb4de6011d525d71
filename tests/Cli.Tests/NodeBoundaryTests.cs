using System.Text.RegularExpressions;
using System.Xml.Linq;
using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests;

/// <summary>
/// The CLI uses no type of the node: what both need is LicenseVerifier's (trust file model, certificate
/// identities, licence ids) or Provisioning's (development CA, key files, the trust file on disk). The CLI
/// references the node only so that Regional.Node.dll lands beside regional.dll for `cluster up`, under an
/// extern alias no CLI source declares; the node lets no `regional` assembly see its internals.
/// </summary>
public sealed partial class NodeBoundaryTests
{
    private static readonly string Root = Repository.Root();

    [Test]
    public void CliSources_NoNodeNamespaceOrAlias()
    {
        // Arrange
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src", "Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        // Act
        var offending = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(Root, f), Line: i + 1, Text: line.Trim())))
            .Where(l => NodeUse().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();

        // Assert
        Assert.That(sources, Is.Not.Empty, "the CLI's sources were not found");
        Assert.That(offending, Is.Empty, "src/Cli must not use the node's types; move what both need to LicenseVerifier or Provisioning");
    }

    [Test]
    public void NodeProject_NoInternalsVisibleToTheCli()
    {
        // Act
        var visibleTo = Items(Path.Combine(Root, "src", "RegionalNode", "RegionalNode.csproj"), "InternalsVisibleTo")
            .Select(i => (string?)i.Attribute("Include"))
            .ToList();

        // Assert
        Assert.That(visibleTo, Has.None.EqualTo("regional").And.None.EqualTo("Regional.Cli.Tests"));
    }

    [Test]
    public void CliProject_ReferencesTheNodeOnlyUnderItsAlias()
    {
        // Act
        var node = Items(Path.Combine(Root, "src", "Cli", "Cli.csproj"), "ProjectReference")
            .Where(r => ((string?)r.Attribute("Include"))?.Contains("RegionalNode", StringComparison.Ordinal) == true)
            .ToList();

        // Assert: the reference (for Regional.Node.dll beside regional.dll) stays, its types hidden.
        Assert.That(node, Has.Count.EqualTo(1));
        Assert.That((string?)node[0].Attribute("Aliases"), Is.EqualTo("node"));
    }

    private static IEnumerable<XElement> Items(string project, string name) =>
        XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == name);

    /// <summary>A using, global using, alias or qualified name of the node's namespace, or the alias that
    /// would make it visible; a string such as "Regional.Node.dll" is not a use.</summary>
    [GeneratedRegex(@"^(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?Regional\.Node\b|^extern\s+alias\b|(?<![""\w.])Regional\.Node\.(?!dll\b)\w")]
    private static partial Regex NodeUse();
}
