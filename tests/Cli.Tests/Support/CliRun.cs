using Grpc.Net.Client;
using Regional.Cli;
using Regional.Cli.Connection;

namespace Regional.Cli.Tests.Support;

/// <summary>The result of one in-process run of the real command tree.</summary>
internal sealed record CliResult(int Exit, string Out, string Err)
{
    public override string ToString() => $"exit {Exit}\nstdout:\n{Out}\nstderr:\n{Err}";
}

/// <summary>Runs `regional` in-process with captured stdout and stderr and no terminal.</summary>
internal static class CliRun
{
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunCoreAsync(environment, terminal: false, args);

    /// <summary>Runs as if stdout were a terminal (colour, QR codes), with --cluster DIR appended.</summary>
    public static Task<CliResult> OnTerminalAsync(string cluster, params string[] args) =>
        RunCoreAsync(new Dictionary<string, string>(), terminal: true, [.. args, "--cluster", cluster]);

    /// <summary>Runs as if stdout were a terminal, in the given environment (TERM, NO_COLOR), with --cluster DIR appended.</summary>
    public static Task<CliResult> OnTerminalAsync(IReadOnlyDictionary<string, string> environment, string cluster, params string[] args) =>
        RunCoreAsync(environment, terminal: true, [.. args, "--cluster", cluster]);

    /// <summary>Runs with --cluster DIR appended, reaching nodes through <paramref name="channels"/> (a proxy, say).</summary>
    public static Task<CliResult> ThroughAsync(Func<NodeTarget, GrpcChannel> channels, string cluster, params string[] args) =>
        RunCoreAsync(null, terminal: false, [.. args, "--cluster", cluster], channels);

    private static async Task<CliResult> RunCoreAsync(IReadOnlyDictionary<string, string>? environment, bool terminal, string[] args,
        Func<NodeTarget, GrpcChannel>? channels = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, terminal, name => environment?.GetValueOrDefault(name));
        var exit = await CliApp.RunAsync(args, console, channels);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs with --cluster DIR appended.</summary>
    public static Task<CliResult> InAsync(string cluster, params string[] args) => RunAsync(null, [.. args, "--cluster", cluster]);
}
