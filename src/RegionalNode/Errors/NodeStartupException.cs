namespace Regional.Node.Errors;

/// <summary>The node cannot start: a key or certificate file is missing, malformed or unsafe.
/// The message names the file and says what to do.</summary>
internal sealed class NodeStartupException : Exception
{
    public NodeStartupException(string message)
        : base(message)
    {
    }

    public NodeStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
