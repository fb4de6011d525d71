using System.Text.RegularExpressions;

namespace Regional.Node.Tests.Architecture;

/// <summary>
/// The folders of src/RegionalNode are layers (docs/architecture.md): a folder may use the folders below
/// it, never one above, so no loop between folders can appear. Read from the sources: every
/// <c>using Regional.Node.X</c> and every qualified mention <c>Regional.Node.X.</c> or <c>X.Type</c> of a
/// folder. A new dependency upwards fails here, naming the file and line; if the design really changed,
/// change the order below and the page together.
/// </summary>
[TestFixture]
public sealed partial class ArchitectureTests
{
    /// <summary>Bottom first: each folder may depend on the folders before it.</summary>
    public static readonly string[] Layers =
    [
        "Errors", "Storage", "Configuration", "Telemetry", "Security", "Ledger", "Federation",
        "Catalog", "Licenses", "Sharing", "Consent", "Relay", "Services", "Mirror", "Standby", "Operations", "Http", "Hosting",
    ];

    [Test]
    public void Folders_DependOnlyOnTheLayersBelow()
    {
        // Arrange
        var root = Path.Combine(Support.Repository.Root, "src", "RegionalNode");
        var upward = new List<string>();

        // Act
        foreach (var file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)))
        {
            var relative = Path.GetRelativePath(root, file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            var own = Array.IndexOf(Layers, folder);
            if (own < 0)
            {
                continue; // Program.cs at the root wires everything
            }
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var used in Mentions(lines[i]).Where(u => u != folder && Array.IndexOf(Layers, u) > own))
                {
                    upward.Add($"{relative}:{i + 1}: {folder} uses {used}, which is above it: {lines[i].Trim()}");
                }
            }
        }

        // Assert
        Assert.That(upward, Is.Empty);
    }

    [Test]
    public void Layers_NameEveryFolderOfTheNode()
    {
        var root = Path.Combine(Support.Repository.Root, "src", "RegionalNode");
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Order();

        Assert.That(folders, Is.EquivalentTo(Layers), "a new folder takes its place in the layers (and in docs/architecture.md)");
    }

    /// <summary>The node folders a line refers to: using directives, Regional.Node.X and a leading X.Type.</summary>
    private static IEnumerable<string> Mentions(string line)
    {
        if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
        {
            yield break;
        }
        foreach (Match match in Qualified().Matches(line))
        {
            yield return match.Groups[1].Value;
        }
        foreach (Match match in Partial().Matches(line))
        {
            if (Layers.Contains(match.Groups[1].Value))
            {
                yield return match.Groups[1].Value;
            }
        }
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex(@"Regional\.Node\.([A-Z]\w*)")]
    private static partial Regex Qualified();

    /// <summary>"Federation.AlarmStore" written inside Regional.Node (a partially qualified name), not "x.Federation".</summary>
    [GeneratedRegex(@"(?<![\w.""])([A-Z]\w*)\.[A-Z]\w*")]
    private static partial Regex Partial();
}
