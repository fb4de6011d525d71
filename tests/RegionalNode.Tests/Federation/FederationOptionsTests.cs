using Regional.Node.Federation;

namespace Regional.Node.Tests.Federation;

[TestFixture]
public sealed class FederationOptionsTests
{
    [Test]
    public void Validate_Defaults_Succeeds() =>
        Assert.That(new FederationOptionsValidator().Validate(null, new FederationOptions()).Succeeded, Is.True);

    [Test]
    public void Validate_TrustFileNamedButMissing_FailsNamingIt()
    {
        // Arrange: a typo in the path must not leave the node running alone without a word.
        var options = new FederationOptions { TrustFile = Path.Combine(Path.GetTempPath(), "regional-no-such-trust.json") };

        // Act
        var result = new FederationOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Federation:TrustFile").And.Contain("does not exist"));
    }

    [TestCase(0, 5000, "Federation:ReconnectMs: got 0, want 10..60000")]
    [TestCase(100, 50, "Federation:WitnessTimeoutMs: got 50, want 100..120000")]
    public void Validate_TimingOutOfRange_FailsWithTheRange(int reconnectMs, int witnessTimeoutMs, string message)
    {
        var options = new FederationOptions { ReconnectMs = reconnectMs, WitnessTimeoutMs = witnessTimeoutMs };

        var result = new FederationOptionsValidator().Validate(null, options);

        Assert.That(result.FailureMessage, Does.Contain(message));
    }
}
