namespace Regional.Cli;

/// <summary>An expected failure that ends a command: a readable message for stderr and its exit code.
/// Thrown only at the edges (bad arguments, missing files); the command runner prints it.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
