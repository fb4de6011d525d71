namespace Regional.Cli.Tests.Support;

/// <summary>Tests that run the real commands against one real three-node cluster, started by
/// `regional cluster up` in a temporary folder for the fixture and stopped after it.</summary>
[NonParallelizable]
public abstract class ClusterFixture
{
    private RunningCluster _cluster = null!;

    /// <summary>The cluster folder (trust file, certificates, node data and logs).</summary>
    private protected string Dir => _cluster.Directory;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        _cluster = new RunningCluster();
        await _cluster.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await _cluster.DisposeAsync();
}
