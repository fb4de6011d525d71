namespace Regional.Cli;

/// <summary>The exit codes of every `regional` command (also in the root --help and the README).</summary>
internal static class ExitCodes
{
    /// <summary>Success, or the licence verified VALID.</summary>
    public const int Success = 0;

    /// <summary>A negative answer: REVOKED, SUSPENDED, EXPIRED, NOT_FOUND, MISMATCH, UNKNOWN, a bundle
    /// that failed a check, rows an import could not take, or a request the node refused.</summary>
    public const int Negative = 1;

    /// <summary>A usage error: bad flags or arguments, or a request the node called invalid.</summary>
    public const int Usage = 2;

    /// <summary>The node is unreachable or unavailable.</summary>
    public const int Unavailable = 3;

    /// <summary>Not authenticated, or not allowed.</summary>
    public const int Denied = 4;

    public const string Help = """
        Exit codes:
          0  success, or the licence is VALID
          1  a negative answer: REVOKED, SUSPENDED, EXPIRED, NOT_FOUND, MISMATCH, UNKNOWN,
             a bundle that failed a check, import rows rejected, a request the node refused
          2  usage error (bad flags or arguments, a field the node called invalid, a port cluster up needs is taken)
          3  node unreachable, unavailable or not answering within --timeout
          4  not authenticated or not allowed
        """;
}
