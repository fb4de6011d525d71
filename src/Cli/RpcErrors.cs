using Google.Rpc;
using Grpc.Core;

namespace Regional.Cli;

/// <summary>Turns a failed call into the exit code and the one or two lines a person reads: the
/// node's message and, for a rejected request, each field violation (google.rpc.BadRequest).</summary>
internal static class RpcErrors
{
    public static int ExitCode(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => ExitCodes.Usage,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted => ExitCodes.Unavailable,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.Denied,
        _ => ExitCodes.Negative,
    };

    /// <summary>The exit code of a failed call: a server that is not the node asked for is an authentication failure.</summary>
    public static int ExitCode(RpcException ex) => NotTheNode(ex) is not null ? ExitCodes.Denied : ExitCode(ex.StatusCode);

    /// <summary>The lines for a failed call; <paramref name="timeout"/> is --timeout when given.</summary>
    public static IEnumerable<string> Describe(RpcException ex, string node, TimeSpan? timeout = null)
    {
        if (NotTheNode(ex) is { } impostor)
        {
            yield return $"regional: refused to talk to node {node}: {impostor.Message}.";
            yield return "  Nothing was sent. Check --node and the cluster's trust file; the server may be posing as the node.";
            yield break;
        }
        if (ex.StatusCode == StatusCode.DeadlineExceeded && ex.GetRpcStatus() is null)
        {
            var limit = timeout is { } given ? $"--timeout {given.TotalSeconds:0.###} s" : "the default deadline; --timeout SECONDS gives it longer";
            yield return $"regional: node {node} did not answer in time ({limit}); the call was abandoned.";
            yield return "  A write may still have been done: run the same command again with the same --request-id (an import again as it is) to be sure it is done once.";
            yield break;
        }
        if (ex.StatusCode is StatusCode.Unavailable && ex.GetRpcStatus() is null)
        {
            yield return $"regional: node {node} is unreachable ({Short(ex.Status.Detail)}).";
            yield return "  Is the cluster running? Start it with: scripts/regional cluster up";
            yield break;
        }
        var status = ex.GetRpcStatus();
        var violations = status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => (v.Field, v.Description)).ToList() ?? [];
        foreach (var line in Refusal(ex.StatusCode, status?.Message ?? ex.Status.Detail, violations, node))
        {
            yield return line;
        }
    }

    /// <summary>A refused row of a stream (an import row), in the words of a refused call.</summary>
    public static IEnumerable<string> Describe(Regional.V1.RowError error, string node) =>
        Refusal(Code(error.Code), error.Message, [.. error.FieldViolations.Select(v => (v.Field, v.Description))], node);

    /// <summary>StatusCode.InvalidArgument for "INVALID_ARGUMENT"; UNKNOWN for a name that is none.</summary>
    public static StatusCode Code(string name) =>
        Enum.TryParse<StatusCode>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var code) && Enum.IsDefined(code) ? code : StatusCode.Unknown;

    private static IEnumerable<string> Refusal(StatusCode code, string message, IReadOnlyList<(string Field, string Description)> violations, string node)
    {
        yield return violations.Count > 0
            ? $"regional: node {node} refused the request ({Name(code)}):"
            : $"regional: node {node} answered {Name(code)}: {message}";
        foreach (var (field, description) in violations)
        {
            yield return $"  {field}: {description}";
        }
    }

    /// <summary>The impostor behind a failed connection, when the server was not the node asked for.</summary>
    public static Connection.NotTheNodeException? NotTheNode(RpcException ex)
    {
        for (var inner = ex.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is Connection.NotTheNodeException found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>INVALID_ARGUMENT for StatusCode.InvalidArgument.</summary>
    public static string Name(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    /// <summary>The first line of a status detail, at most 160 characters.</summary>
    public static string Short(string detail)
    {
        var line = detail.Split('\n')[0];
        return line.Length > 160 ? line[..160] + "..." : line;
    }
}
