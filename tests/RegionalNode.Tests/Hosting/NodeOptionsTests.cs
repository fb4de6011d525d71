using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Regional.Node.Hosting;
using Regional.Node.Tests.Support;
using Regional.Node.Configuration;

namespace Regional.Node.Tests.Hosting;

[TestFixture]
public sealed class NodeOptionsTests
{
    [TestCase("BJ", "gm", "Node:Region: got 'BJ', want 2 to 8 lower-case letters")]
    [TestCase("b-j", "gm", "Node:Region: got 'b-j', want 2 to 8 lower-case letters")]
    [TestCase("bj", "rsa", "Node:Suite: got 'rsa', want gm or intl")]
    public async Task Start_BadRegionOrSuite_FailsNamingTheOption(string region, string suite, string expected)
    {
        // Arrange
        await using var node = TestNode.Create(new TestNodeOptions { Region = region, Suite = suite });

        // Act
        var error = Assert.ThrowsAsync<OptionsValidationException>(node.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void Validate_ARegionWithoutDefaultPort_WantsNodeListen()
    {
        // Arrange: a district node (hd) has no default port, unlike bj, tj and he.
        var options = new NodeOptions { Region = "hd" };
        new NodeOptionsDefaults().PostConfigure(null, options);

        // Act
        var result = new NodeOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Node:Listen: empty; region hd has no default port"));
        Assert.That(options.DisplayName, Is.EqualTo("海淀 Haidian"));
    }

    [TestCase("Node:MaxBlockEntries", "0", "Node:MaxBlockEntries: got 0, want 1..100000")]
    [TestCase("Node:MaxBlockEntries", "100001", "Node:MaxBlockEntries: got 100001, want 1..100000")]
    [TestCase("Node:CertificatePath", "/tmp/node.crt", "Node:CertificateKeyPath: got ''")]
    [TestCase("Node:Origin", "two words", "Node:Origin: got 'two words'")]
    public async Task Start_BadSetting_FailsNamingTheOption(string key, string value, string expected)
    {
        // Arrange
        await using var node = TestNode.Create(new TestNodeOptions { Settings = { [key] = value } });

        // Act
        var error = Assert.ThrowsAsync<OptionsValidationException>(node.StartAsync);

        // Assert
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [TestCase("127.0.0.1:7101", true)]
    [TestCase("[::1]:7101", true)]
    [TestCase("localhost:0", true)]
    [TestCase("0.0.0.0:443", true)]
    [TestCase("127.0.0.1", false)]
    [TestCase("[::1]", false)]
    [TestCase("example.org:7101", false)]
    [TestCase("127.0.0.1:70000", false)]
    [TestCase("", false)]
    public void TryParse_ListenAddress_AcceptsOnlyHostAndPort(string text, bool expected)
    {
        // Act
        var parsed = ListenAddress.TryParse(text, out _);

        // Assert
        Assert.That(parsed, Is.EqualTo(expected));
    }

    [Test]
    public void Validate_NoCaWithoutTheDevelopmentSwitch_RefusesToStartNamingBoth()
    {
        // Arrange: a node with no federation CA would serve every licence to anyone who connects.
        var options = new NodeOptions { Region = "bj" };
        new NodeOptionsDefaults().PostConfigure(null, options);

        // Act
        var result = new NodeOptionsValidator().Validate(null, options);
        options.DevelopmentOpenAccess = true;
        var allowed = new NodeOptionsValidator().Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Node:CaCertificatePath").And.Contain("--development-open-access"));
        Assert.That(allowed.Succeeded, Is.True);
    }

    [TestCase("bj", "北京 Beijing", "127.0.0.1:7101")]
    [TestCase("tj", "天津 Tianjin", "127.0.0.1:7102")]
    [TestCase("he", "河北 Hebei", "127.0.0.1:7103")]
    public void PostConfigure_OnlyRegionSet_FillsDefaultsFromTheRegion(string region, string displayName, string listen)
    {
        // Arrange
        var options = new NodeOptions { Region = region, DevelopmentOpenAccess = true };

        // Act
        new NodeOptionsDefaults().PostConfigure(null, options);

        // Assert
        Assert.That(options.DisplayName, Is.EqualTo(displayName));
        Assert.That(options.Listen, Is.EqualTo(listen));
        Assert.That(options.Origin, Is.EqualTo($"regional.example/{region}"));
        Assert.That(options.DataDirectory, Is.EqualTo(Path.GetFullPath(Path.Combine("data", region))));
        Assert.That(options.SigningKeyPath, Is.EqualTo(Path.Combine(options.DataDirectory, "keys", "signing.key")));
        Assert.That(options.Suite, Is.EqualTo("gm"));
        Assert.That(options.UsesDevelopmentCertificate, Is.True);
        Assert.That(new NodeOptionsValidator().Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void AddNodeConfiguration_ShortSwitches_SetNodeKeys()
    {
        // Arrange
        string[] args = ["--region", "tj", "--name", "Tianjin test", "--data", "/tmp/tj", "--listen", "127.0.0.1:9000", "--insecure", "--suite", "intl"];

        // Act
        var options = Bind(new ConfigurationBuilder().AddNodeConfiguration(args).Build());

        // Assert
        Assert.That(options.Region, Is.EqualTo("tj"));
        Assert.That(options.DisplayName, Is.EqualTo("Tianjin test"));
        Assert.That(options.DataDirectory, Is.EqualTo("/tmp/tj"));
        Assert.That(options.Listen, Is.EqualTo("127.0.0.1:9000"));
        Assert.That(options.Insecure, Is.True);
        Assert.That(options.Suite, Is.EqualTo("intl"));
    }

    [Test]
    [NonParallelizable]
    public void AddNodeConfiguration_PrefixedEnvironmentAndCommandLine_CommandLineWins()
    {
        // Arrange
        Environment.SetEnvironmentVariable("REGIONAL_Node__Region", "he");
        Environment.SetEnvironmentVariable("REGIONAL_Node__MaxBlockEntries", "50");
        try
        {
            // Act
            var options = Bind(new ConfigurationBuilder().AddNodeConfiguration(["--Node:Region=bj"]).Build());

            // Assert
            Assert.That(options.Region, Is.EqualTo("bj"));
            Assert.That(options.MaxBlockEntries, Is.EqualTo(50));
        }
        finally
        {
            Environment.SetEnvironmentVariable("REGIONAL_Node__Region", null);
            Environment.SetEnvironmentVariable("REGIONAL_Node__MaxBlockEntries", null);
        }
    }

    private static NodeOptions Bind(IConfiguration configuration)
    {
        var options = new NodeOptions();
        configuration.GetSection(NodeOptions.Section).Bind(options);
        return options;
    }
}
