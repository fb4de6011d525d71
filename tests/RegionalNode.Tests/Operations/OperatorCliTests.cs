using Microsoft.Extensions.Configuration;
using Regional.Node.Operations;

namespace Regional.Node.Tests.Operations;

/// <summary>The node binary's operator commands as an operator meets them: help with examples, a typo or a
/// missing option named with exit code 2, and a real backup and restore through the parsed command line.</summary>
[NonParallelizable] // backup and restore write to Console.Out
public class OperatorCliTests
{
    [Test]
    public async Task Help_NoCommand_ListsEveryOperatorCommand()
    {
        // Act
        var (exit, output, _) = await RunAsync("--help");

        // Assert
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("backup").And.Contain("restore").And.Contain("recover").And.Contain("rotate-key").And.Contain("docs/configuration.md"));
    }

    [TestCase("backup", "--include-keys")]
    [TestCase("restore", "--keys")]
    [TestCase("recover", "--trust")]
    [TestCase("rotate-key", "--region")]
    public async Task Help_EachCommand_ItsOptionsAndAnExample(string command, string option)
    {
        // Act
        var (exit, output, _) = await RunAsync(command, "--help");

        // Assert
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain(option).And.Contain($"Example: dotnet Regional.Node.dll {command}"));
    }

    [Test]
    public async Task Backup_MissingTo_Exit2NamingTheOption()
    {
        // Act
        var (exit, _, error) = await RunAsync("backup", "--data", "data/bj");

        // Assert
        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("--to").And.Contain("backup --help"));
    }

    [Test]
    public async Task Backup_MisspelledOption_Exit2NamingIt()
    {
        // Act
        var (exit, _, error) = await RunAsync("backup", "--data", "data/bj", "--to", "b", "--include-key");

        // Assert
        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("--include-key"));
    }

    [Test]
    public async Task BackupThenRestore_ThroughTheCommandLine_RestoredFolderHoldsTheLedger()
    {
        // Arrange
        using var folder = new BackupDataFolder();

        // Act
        var backup = await RunAsync("backup", "--data", folder.Data, "--to", folder.Backup, "--include-keys");
        var restore = await RunAsync("restore", "--from", folder.Backup, "--data", folder.Target);

        // Assert
        Assert.That(backup.Exit, Is.Zero, backup.Error);
        Assert.That(restore.Exit, Is.Zero, restore.Error);
        Assert.That(File.Exists(Path.Combine(folder.Target, "ledger.db")), Is.True);
    }

    [Test]
    public void Backup_NodeOnPostgres_RefusedWithAPointerToPostgresTools()
    {
        // Arrange
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Engine"] = "postgres" }).Build();

        // Act
        var refusal = BackupCommand.PostgresRefusal(configuration);
        var sqlite = BackupCommand.PostgresRefusal(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        // Assert
        Assert.That(refusal, Does.Contain("pg_dump").And.Contain("pg_basebackup").And.Contain("docs/operations.md"));
        Assert.That(sqlite, Is.Null);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var previousOut = Console.Out;
        var previousError = Console.Error;
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = await OperatorCli.RunAsync(args, output, error);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
