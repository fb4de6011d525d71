namespace Regional.Node.Errors;

/// <summary>
/// The deadline of an HTTP/JSON call, which the JSON transcoder does not keep (Http/HttpDeadline starts it):
/// kept in the call's user state, so <see cref="ErrorMappingInterceptor"/> can tell a deadline that passed
/// (DEADLINE_EXCEEDED) from a caller that went away (CANCELLED). gRPC calls never carry one: grpc-dotnet
/// keeps their deadlines itself.
/// </summary>
internal sealed class CallDeadline
{
    /// <summary>The key in ServerCallContext.UserState (HttpContext.Items for a transcoded call).</summary>
    public const string Key = "regional.call-deadline";

    private volatile bool _passed;

    /// <summary>Set once the deadline passed, from the timer's thread.</summary>
    public bool Passed
    {
        get => _passed;
        set => _passed = value;
    }

    /// <summary>Whether the call of <paramref name="userState"/> passed its HTTP deadline.</summary>
    public static bool PassedFor(IDictionary<object, object> userState) =>
        userState.TryGetValue(Key, out var deadline) && deadline is CallDeadline { Passed: true };
}
