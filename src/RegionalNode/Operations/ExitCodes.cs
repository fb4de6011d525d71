namespace Regional.Node.Operations;

/// <summary>Exit codes of the operator commands (docs/operations.md lists them).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The operation failed or was refused; nothing was changed.</summary>
    public const int Failed = 1;
    /// <summary>Bad command line.</summary>
    public const int Usage = 2;
    /// <summary>recover: done, but a peer holds more of the log than the one recovered from.</summary>
    public const int Incomplete = 3;
}
