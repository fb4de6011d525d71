using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Regional.Node.Hosting;
using Regional.Node.Tests.Support;
using Regional.Node.Configuration;

namespace Regional.Node.Tests.Docs;

/// <summary>
/// docs/configuration.md is the operators' reference: every option of every options class (a class
/// named *Options with a <c>Section</c> constant) appears in its table with the right environment
/// variable, short switch and default, and the table names no option that does not exist.
/// </summary>
[TestFixture]
public sealed partial class ConfigurationReferenceTests
{
    private static readonly Dictionary<string, Row> Documented = ReadTable();

    private static IEnumerable<TestCaseData> Options() => OptionsTypes()
        .SelectMany(type => Settable(type).Select(property => new TestCaseData(type, property.Name)
            .SetArgDisplayNames($"{Section(type)}:{property.Name}")));

    [TestCaseSource(nameof(Options))]
    public void Reference_Option_IsDocumentedWithItsVariableSwitchAndDefault(Type type, string name)
    {
        // Arrange
        var key = $"{Section(type)}:{name}";
        var property = type.GetProperty(name)!;
        var defaults = Activator.CreateInstance(type, nonPublic: true);

        // Act
        var found = Documented.TryGetValue(key, out var row);

        // Assert
        Assert.That(found, Is.True, $"docs/configuration.md has no row for `{key}`");
        Assert.That(row!.Variable, Is.EqualTo($"`REGIONAL_{Section(type)}__{name}`"), key);
        var switches = NodeConfiguration.SwitchMappings.Where(m => m.Value == key).Select(m => $"`{m.Key}`");
        Assert.That(row.Switch, Is.EqualTo(string.Join(", ", switches)), $"{key}: short switch");
        Assert.That(row.Meaning, Is.Not.Empty, key);
        if (Literal(property.GetValue(defaults)) is { } value)
        {
            Assert.That(row.Default, Does.StartWith($"`{value}`"), $"{key}: default");
        }
        else
        {
            Assert.That(row.Default, Is.Not.Empty, $"{key}: say what happens when it is unset");
        }
    }

    [Test]
    public void Reference_EveryRow_NamesAnExistingOption()
    {
        // Arrange
        var known = OptionsTypes().SelectMany(t => Settable(t).Select(p => $"{Section(t)}:{p.Name}")).ToHashSet();

        // Act
        var unknown = Documented.Keys.Where(k => !known.Contains(k)).ToList();

        // Assert
        Assert.That(known, Is.Not.Empty);
        Assert.That(unknown, Is.Empty, "documented options no options class has");
    }

    private static List<Type> OptionsTypes() => [.. typeof(NodeOptions).Assembly.GetTypes()
        .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal)
            && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })];

    private static string Section(Type type) => (string)type.GetField("Section")!.GetRawConstantValue()!;

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true);

    /// <summary>The default as the table writes it, for plain values; null when unset (the row explains).</summary>
    private static string? Literal(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        string { Length: 0 } => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Dictionary<string, Row> ReadTable()
    {
        var path = Path.Combine(Repository.Root, "docs", "configuration.md");
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var match = OptionRow().Match(line);
            if (match.Success)
            {
                var cells = Cell().Split(line.Trim()[1..^1]).Select(c => c.Trim()).ToArray();
                Assert.That(cells, Has.Length.EqualTo(5), $"docs/configuration.md: want 5 cells in: {line}");
                Assert.That(rows.TryAdd(match.Groups[1].Value, new Row(cells[1], cells[2], cells[3], cells[4])), Is.True, $"twice: {line}");
            }
        }
        return rows;
    }

    [GeneratedRegex(@"^\| `([A-Za-z]+:[A-Za-z]+)` \|")]
    private static partial Regex OptionRow();

    /// <summary>A cell boundary: a pipe not escaped as \|.</summary>
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex Cell();

    private sealed record Row(string Switch, string Variable, string Default, string Meaning);
}
