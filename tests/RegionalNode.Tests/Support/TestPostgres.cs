using System.Diagnostics;
using Npgsql;

namespace Regional.Node.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests run the postgres engine on: the one named by REGIONAL_TEST_POSTGRES (.ci/run
/// starts a throwaway server and sets it), else one this test run starts itself with scripts/test-postgres and
/// stops at exit. Each test gets a database of its own. Without PostgreSQL binaries the tests are ignored on a
/// developer's machine and fail under CI (CI=true), so a CI run can never skip them silently.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "REGIONAL_TEST_POSTGRES";

    private static readonly Lazy<string?> Server = new(FindOrStart, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new empty database; its connection string. Ignores (or, under CI, fails) the test without a server.</summary>
    public static string CreateDatabase()
    {
        var server = Server.Value;
        if (server is null)
        {
            var why = $"no PostgreSQL: set {Variable} or install Debian's postgresql (scripts/test-postgres)";
            if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                Assert.Fail(why);
            }
            Assert.Ignore(why);
        }
        var name = $"regional_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabase"/> made (its connections are closed first).</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server.Value!);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>Runs one of PostgreSQL's client tools (pg_dump, pg_restore) on the database of
    /// <paramref name="connectionString"/>, as an operator would; its exit code and what it printed.</summary>
    public static (int Exit, string Output) Tool(string tool, string connectionString, params string[] args)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin", tool)).Where(File.Exists)
            .OrderBy(p => new Version(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))!) + ".0")).LastOrDefault()
            ?? throw new InvalidOperationException($"no {tool} in /usr/lib/postgresql/*/bin: apt-get install postgresql");
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(bin, ["--host", server.Host!, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--username", server.Username!, "--dbname", server.Database!, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(120_000);
        return (process.ExitCode, error.Result + output.Result);
    }

    private static string? FindOrStart()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }
        var script = Path.Combine(Repository.Root, "scripts", "test-postgres");
        var folder = Path.Combine(Path.GetTempPath(), $"regional-test-postgres-{Environment.ProcessId}");
        var (exit, output) = Run(script, "start", folder);
        if (exit != 0)
        {
            TestContext.Progress.WriteLine($"scripts/test-postgres start failed ({exit}): {output}");
            return null;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(script, "stop", folder);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        };
        return output.Trim().Split('\n')[^1];
    }

    private static (int Exit, string Output) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(120_000);
        return (process.ExitCode, process.ExitCode == 0 ? output.Result : error.Result + output.Result);
    }
}
