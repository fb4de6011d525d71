using System.Runtime.Versioning;
using System.Text.Json;
using Regional.Cli.Tests.Support;

namespace Regional.Cli.Tests.Commands;

/// <summary>`cluster mirror NAME` against the same running cluster: a read-only mirror node started by
/// the CLI, then used through `--node URL` by the ordinary commands.</summary>
public sealed partial class ClusterCommandTests
{
    [Test]
    [UnsupportedOSPlatform("windows")]
    public async Task ClusterMirror_Running_VerifiesReportsStatusRefusesWritesAndStopsOnCancel()
    {
        // Arrange
        var mirror = new RunningMirror(Dir, "mirror-1");
        int stopped;
        CliResult verify, status, table, write;
        string bjEndpoint;
        try
        {
            await mirror.StartAsync();
            var id = await IssueAsync();
            bjEndpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "trust.json"))).RootElement
                .GetProperty("regions").EnumerateArray().First(r => r.GetProperty("id").GetString() == "bj").GetProperty("endpoint").GetString()!.TrimEnd('/');

            // Act
            verify = await Eventually.UntilAsync(() => CliRun.InAsync(Dir, "license", "verify", id, "--node", mirror.Url), r => r.Exit == 0);
            status = await CliRun.InAsync(Dir, "ledger", "status", "--node", mirror.Url, "--json");
            table = await CliRun.InAsync(Dir, "ledger", "status", "--node", mirror.Url);
            write = await CliRun.InAsync(Dir, ["license", "issue", "--type", "business-licence", "--holder", "91110105MA01ABCD2X", .. Fields(),
                "--node", mirror.Url, "--as", "bj-samr-issuer"]);
        }
        finally
        {
            stopped = await mirror.StopAsync();
        }

        // Assert
        Assert.That(mirror.Output, Does.Contain($"Mirror mirror-1 ready at {mirror.Url}").And.Contain($"license verify LICENCE-ID --node {mirror.Url}"));
        Assert.That(File.Exists(Path.Combine(Dir, "mirror-1", "tls", "mirror.crt")), Is.True);
        Assert.That(File.GetUnixFileMode(Path.Combine(Dir, "mirror-1", "tls", "mirror.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.Exists(Path.Combine(Dir, "logs", "mirror-1.log")), Is.True);
        Assert.That(verify.Exit, Is.Zero, verify.ToString());
        Assert.That(verify.Out, Does.Contain("VALID"));
        Assert.That(status.Exit, Is.Zero, status.ToString());
        using var json = JsonDocument.Parse(status.Out);
        Assert.That(json.RootElement.GetProperty("mode").GetString(), Is.EqualTo("mirror"));
        Assert.That(json.RootElement.GetProperty("mirrors").GetArrayLength(), Is.EqualTo(3), status.Out);
        Assert.That(table.Out, Does.Contain("mirror-1 (read-only mirror)").And.Not.Contain("log key"), table.ToString());
        Assert.That(write.Exit, Is.EqualTo(1), write.ToString());
        Assert.That(write.Err, Does.Contain("FAILED_PRECONDITION").And.Contain("read-only mirror").And.Contain($"region bj's node {bjEndpoint}"));
        Assert.That(stopped, Is.Zero, mirror.Error);
        Assert.That(mirror.IsListening(), Is.False, "the mirror process still listens after cancel");
    }

    [TestCase("Mirror-1")]
    [TestCase("mirror-")]
    [TestCase("mirror_1")]
    [TestCase("bj")]
    [TestCase("logs")]
    public async Task ClusterMirror_BadName_UsageError(string name)
    {
        // Act
        var result = await CliRun.InAsync(Dir, "cluster", "mirror", name, "--port", "1");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.Contain("NAME").And.Contain(name));
        Assert.That(File.Exists(Path.Combine(Dir, name, "tls", "mirror.crt")), Is.False);
    }

    [Test]
    public async Task ClusterMirror_NoClusterFolder_SaysHowToStartOne()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), "regional-cli-tests", Guid.NewGuid().ToString("N"));

        // Act
        var result = await CliRun.InAsync(missing, "cluster", "mirror", "mirror-1");

        // Assert
        Assert.That(result.Exit, Is.EqualTo(2), result.ToString());
        Assert.That(result.Err, Does.Contain($"no cluster in {missing}").And.Contain("regional cluster up"));
        Assert.That(Directory.Exists(missing), Is.False);
    }
}
