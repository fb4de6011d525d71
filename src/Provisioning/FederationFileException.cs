namespace Regional.Provisioning;

/// <summary>A federation file (a signing or witness key, a CA key) is unsafe or malformed: readable
/// by group or others, or not in the format wanted. The message names the file and says what to do.</summary>
/// <remarks>An <see cref="IOException"/>, so a command that reports I/O problems reports this one
/// too; the node turns it into its start-up failure.</remarks>
public sealed class FederationFileException : IOException
{
    /// <summary>A problem with a file, named in <paramref name="message"/>.</summary>
    public FederationFileException(string message)
        : base(message)
    {
    }

    /// <summary>A problem with a file, named in <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public FederationFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
