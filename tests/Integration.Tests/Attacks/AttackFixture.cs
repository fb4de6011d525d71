namespace Regional.Integration.Tests.Attacks;

/// <summary>The attack suites' shared start: three live nodes and a Beijing real-estate certificate
/// (<see cref="Flat"/>) held by <see cref="AttackFederation.OwnerId"/>, for the whole fixture.</summary>
[NonParallelizable]
public abstract class AttackFixture
{
    private protected AttackFederation Attack { get; private set; } = null!;

    private protected string Flat { get; private set; } = "";

    /// <summary>Node settings for every node of the fixture's federation (none by default).</summary>
    private protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    [OneTimeSetUp]
    public async Task StartFederation()
    {
        Attack = await AttackFederation.StartAsync(Settings);
        Flat = await Attack.IssueFlatAsync();
    }

    [OneTimeTearDown]
    public async Task StopFederation() => await Attack.DisposeAsync();
}
