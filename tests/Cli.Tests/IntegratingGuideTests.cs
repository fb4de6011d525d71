using System.Diagnostics;
using System.Text.RegularExpressions;
using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests;

/// <summary>
/// Runs every command of docs/integrating.md, as written, against a fresh cluster: `scripts/regional` lines
/// through the real command tree in-process, every other line (curl, openssl, test) in bash, in order, with
/// the variables earlier lines set, checking each line's exit code and the text its "# prints" comment
/// promises. The guide's cluster is the README's on 127.0.0.1:7101-7103; this one runs on free ports, so
/// those three addresses are the one thing rewritten.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class IntegratingGuideTests
{
    [Test]
    public async Task Guide_EveryCommand_RunsAsItSays()
    {
        // Arrange
        var guide = await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "integrating.md"));
        var lines = DocCommands.Lines(guide);
        Assert.That(lines.Count(l => l.Line.StartsWith("curl ", StringComparison.Ordinal) || l.Line.Contains("$(curl ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(8));
        var folder = Path.Combine(Path.GetTempPath(), "regional-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        await using var cluster = new RunningCluster(Path.Combine(folder, "cluster"));
        await cluster.StartAsync();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var (line, expectation) in lines)
            {
                // Act
                var result = await RunLineAsync(OnTestPorts(line, cluster.Port), expectation, folder, variables);

                // Assert
                Assert.That(result.Exit, Is.EqualTo(expectation.Exit), $"{line}\n{result}");
                Assert.That(result.Out + result.Err, Does.Contain(expectation.Prints ?? ""), $"{line}\n{result}");
            }
            Assert.That(variables, Contains.Key("id"));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    /// <summary>127.0.0.1:7101, 7102, 7103 (the README's cluster) as the test cluster's three ports.</summary>
    private static string OnTestPorts(string line, int basePort) =>
        ReadmePort().Replace(line, m => $"127.0.0.1:{basePort + int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1}");

    private static async Task<CliResult> RunLineAsync(string line, DocExpectation expectation, string folder, Dictionary<string, string> variables)
    {
        var assignment = Assignment().Match(line);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        CliResult result;
        do
        {
            // Replication to the other regions' mirrors may take a moment.
            result = await RunOnceAsync(line, assignment, folder, variables);
        }
        while ((result.Exit != expectation.Exit || !(result.Out + result.Err).Contains(expectation.Prints ?? "", StringComparison.Ordinal))
            && DateTime.UtcNow < deadline && await Delay());
        if (assignment.Success)
        {
            variables[assignment.Groups[1].Value] = result.Out.TrimEnd('\n');
        }
        return result;
    }

    private static Task<CliResult> RunOnceAsync(string line, Match assignment, string folder, Dictionary<string, string> variables)
    {
        if (assignment.Success && assignment.Groups[2].Value.StartsWith("$(scripts/regional ", StringComparison.Ordinal))
        {
            var command = assignment.Groups[2].Value[2..^1];
            return CliRun.RunAsync(null, [.. ShellLine.Words(command, variables).Skip(1)]);
        }
        if (line.StartsWith("scripts/regional ", StringComparison.Ordinal))
        {
            return CliRun.RunAsync(null, [.. ShellLine.Words(line, variables).Skip(1)]);
        }
        // name=value: bash evaluates the value and prints it, and it becomes the variable.
        var script = assignment.Success ? $"{line}\nprintf '%s\\n' \"${assignment.Groups[1].Value}\"" : line;
        return BashAsync(script, folder, variables);
    }

    private static async Task<CliResult> BashAsync(string script, string folder, IReadOnlyDictionary<string, string> variables)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }

    [GeneratedRegex(@"127\.0\.0\.1:710([123])\b")]
    private static partial Regex ReadmePort();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")]
    private static partial Regex Assignment();
}
