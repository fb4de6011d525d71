using Grpc.Core;

namespace Regional.Node.Errors;

/// <summary>
/// A failure the caller should see as it is: a gRPC status code, a message that says what was wrong
/// and what was wanted, an ErrorInfo reason (UPPER_SNAKE_CASE, stable for programs) and, for bad
/// requests, the field violations. <see cref="ErrorMappingInterceptor"/> turns it into a google.rpc.Status.
/// </summary>
internal sealed class NodeException : Exception
{
    /// <summary>The ErrorInfo domain of every reason the node gives.</summary>
    public const string Domain = "regional.v1";

    public NodeException(StatusCode code, string reason, string message, IReadOnlyList<FieldViolation>? violations = null,
        IReadOnlyDictionary<string, string>? metadata = null)
        : base(message)
    {
        if (code == StatusCode.OK)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "a NodeException is a failure: want a code other than OK");
        }
        Code = code;
        Reason = reason;
        Violations = violations ?? [];
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    public StatusCode Code { get; }

    public string Reason { get; }

    public IReadOnlyList<FieldViolation> Violations { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>One bad field: "license_id: got '', want 'BJ-...'".</summary>
    public static NodeException InvalidArgument(string field, string description) =>
        InvalidArguments([new FieldViolation(field, description)]);

    /// <summary>Several bad fields at once, so the caller can fix them all in one go.</summary>
    public static NodeException InvalidArguments(IReadOnlyList<FieldViolation> violations)
    {
        if (violations.Count == 0)
        {
            throw new ArgumentException("want at least one field violation", nameof(violations));
        }
        return new(StatusCode.InvalidArgument, "INVALID_ARGUMENT", string.Join("; ", violations), violations);
    }

    public static NodeException NotFound(string reason, string message) => new(StatusCode.NotFound, reason, message);

    public static NodeException AlreadyExists(string reason, string message) => new(StatusCode.AlreadyExists, reason, message);

    public static NodeException FailedPrecondition(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(StatusCode.FailedPrecondition, reason, message, metadata: metadata);

    public static NodeException Unauthenticated(string reason, string message) => new(StatusCode.Unauthenticated, reason, message);

    public static NodeException PermissionDenied(string reason, string message) => new(StatusCode.PermissionDenied, reason, message);

    public static NodeException Unavailable(string reason, string message) => new(StatusCode.Unavailable, reason, message);
}
