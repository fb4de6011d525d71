using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using Regional.Cli.Connection;

namespace Regional.Cli;

/// <summary>Runs a command's body with the shared error handling: expected failures become one or
/// two lines on stderr and their exit code; anything else is a bug, shown in full with --verbose.</summary>
internal sealed class CommandRunner(CliConsole console, Func<NodeTarget, GrpcChannel> channels)
{
    public CliConsole Console => console;

    /// <summary>Sets the command's action to <paramref name="body"/>, run under the error handling.</summary>
    public void Bind(Command command, Func<Invocation, Task<int>> body) =>
        command.SetAction((parse, cancel) => RunAsync(parse, body, cancel));

    private async Task<int> RunAsync(ParseResult parse, Func<Invocation, Task<int>> body, CancellationToken cancel)
    {
        using var invocation = new Invocation(parse, console, channels, cancel);
        try
        {
            return await body(invocation);
        }
        catch (CliException ex)
        {
            await console.Error.WriteLineAsync($"regional: {ex.Message}");
            return ex.ExitCode;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancel.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("regional: cancelled");
            return ExitCodes.Negative;
        }
        catch (RpcException ex)
        {
            foreach (var line in RpcErrors.Describe(ex, invocation.Target.Name, invocation.Timeout))
            {
                await console.Error.WriteLineAsync(line);
            }
            if (invocation.Verbose)
            {
                await console.Error.WriteLineAsync(ex.ToString());
            }
            return RpcErrors.ExitCode(ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            await console.Error.WriteLineAsync($"regional: {ex.Message}");
            if (invocation.Verbose)
            {
                await console.Error.WriteLineAsync(ex.ToString());
            }
            return ExitCodes.Negative;
        }
    }
}
