using System.Text.Json;
using System.Text.RegularExpressions;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Docs;

/// <summary>The alert rules and the Grafana dashboard in docs/monitoring/ name only metrics and labels the node
/// exports (the metrics table of docs/observability.md, in Prometheus's spelling), so a renamed metric cannot
/// leave an alert that never fires; and the dashboard is JSON Grafana can import.</summary>
public sealed partial class MonitoringDocsTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "docs");

    [TestCase("monitoring/alerts.yml")]
    [TestCase("monitoring/grafana-dashboard.json")]
    public void MonitoringFile_EveryRegionalMetric_IsOneTheNodeExports(string file)
    {
        // Arrange
        var documented = DocumentedMetric().Matches(File.ReadAllText(Path.Combine(Folder, "observability.md")))
            .Select(m => m.Groups[1].Value.Replace('.', '_')).ToHashSet(StringComparer.Ordinal);
        Assert.That(documented, Has.Count.GreaterThan(10));

        // Act
        var named = PrometheusName().Matches(File.ReadAllText(Path.Combine(Folder, file))).Select(m => m.Value).Distinct().ToList();
        var unknown = named.Where(n => !documented.Contains(Family(n))).ToList();

        // Assert
        Assert.That(named, Is.Not.Empty);
        Assert.That(unknown, Is.Empty, $"{file} names metrics or labels docs/observability.md does not list");
    }

    [Test]
    public void Dashboard_IsJsonWithPanelsAndADataSourceInput()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "monitoring", "grafana-dashboard.json")));

        Assert.That(dashboard.RootElement.GetProperty("panels").GetArrayLength(), Is.GreaterThanOrEqualTo(8));
        Assert.That(dashboard.RootElement.GetProperty("__inputs")[0].GetProperty("pluginId").GetString(), Is.EqualTo("prometheus"));
    }

    /// <summary>regional_seal_duration_seconds_bucket is the family regional_seal_duration of a histogram in
    /// seconds; regional_alarms_total the counter regional_alarms.</summary>
    private static string Family(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_count", "_sum" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Contains("_duration", StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }
        name = name.EndsWith("_total", StringComparison.Ordinal) ? name[..^"_total".Length] : name;
        return name.EndsWith("_duration_seconds", StringComparison.Ordinal) ? name[..^"_seconds".Length] : name;
    }

    /// <summary>A metric (the table's first column) or a tag (its tags column) of docs/observability.md.</summary>
    [GeneratedRegex(@"`(regional\.[a-z.]+)`")]
    private static partial Regex DocumentedMetric();

    [GeneratedRegex(@"\bregional_[a-z_]+\b")]
    private static partial Regex PrometheusName();
}
