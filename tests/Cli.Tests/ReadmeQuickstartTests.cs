using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests;

/// <summary>Runs every command of the README's Quickstart (and of its Consent and Sharing on application
/// sections), as written, through the real command tree against a fresh cluster: `cluster up` as the cluster
/// (on free ports), every other line in order, checking its exit code and the text a
/// "# prints X[, exit code N]" comment above it promises (on stdout, or on stderr for a refusal).</summary>
[TestFixture]
[NonParallelizable]
public sealed class ReadmeQuickstartTests
{
    [Test]
    public async Task Quickstart_EveryCommand_RunsAsTheReadmeSays()
    {
        // Arrange
        var lines = QuickstartLines();
        Assert.That(lines.Select(l => l.Line), Has.Some.StartsWith("scripts/regional cluster up"));
        var folder = Path.Combine(Path.GetTempPath(), "regional-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        await using var cluster = new RunningCluster(Path.Combine(folder, "cluster"));
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var (line, expectation) in lines)
            {
                // Act
                var result = await RunLineAsync(line, expectation, cluster, variables);

                // Assert
                if (result is not null)
                {
                    Assert.That(result.Exit, Is.EqualTo(expectation.Exit), $"{line}\n{result}");
                    Assert.That(result.Out + result.Err, Does.Contain(expectation.Prints ?? ""), $"{line}\n{result}");
                }
            }
            Assert.That(variables, Contains.Key("id"));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private static async Task<CliResult?> RunLineAsync(string line, DocExpectation expectation, RunningCluster cluster, Dictionary<string, string> variables)
    {
        if (line.StartsWith("scripts/regional cluster up", StringComparison.Ordinal))
        {
            await cluster.StartAsync([.. ShellLine.Words(line, variables).Skip(3)]);
            return null;
        }
        if (line.StartsWith("echo ", StringComparison.Ordinal))
        {
            return null;
        }
        var assignment = ShellLine.Assignment(line);
        var words = ShellLine.Words(assignment?.Command ?? line, variables);
        Assert.That(words[0], Is.EqualTo("scripts/regional"), line);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        CliResult result;
        do
        {
            // ./cluster is the test's cluster, on free ports that its trust file names; replication may take a moment.
            result = await CliRun.RunAsync(null, [.. words.Skip(1)]);
        }
        while ((result.Exit != expectation.Exit || !(result.Out + result.Err).Contains(expectation.Prints ?? "", StringComparison.Ordinal))
            && DateTime.UtcNow < deadline && await Delay());
        if (assignment is { } a)
        {
            variables[a.Name] = result.Out.Trim();
        }
        return result;
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }

    /// <summary>The sh blocks of the Quickstart, Consent and Sharing on application sections, line by line, with what each should do.</summary>
    private static List<(string Line, DocExpectation Expect)> QuickstartLines()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root(), "README.md"));
        return DocCommands.Lines(DocCommands.Section(readme, "## Quickstart") + DocCommands.Section(readme, "## Consent")
            + DocCommands.Section(readme, "## Sharing on application"));
    }
}
