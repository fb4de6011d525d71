using Regional.Node.Tests.Support;

namespace Regional.Integration.Tests.Support;

/// <summary>What the nodes of a federation logged, shown when a test fails.</summary>
internal static class NodeLogs
{
    /// <summary>On failure, each region's last warnings and errors.</summary>
    public static void DumpOnFailure(TestFederation? federation, IEnumerable<string> regions, int lines = 25)
    {
        if (federation is null || TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            return;
        }
        foreach (var region in regions)
        {
            TestContext.Out.WriteLine($"--- {region}");
            foreach (var line in federation[region].Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)).TakeLast(lines))
            {
                TestContext.Out.WriteLine(line);
            }
        }
    }
}
