using Google.Rpc;
using Grpc.Core;

namespace Regional.Node.Errors;

/// <summary>Client side of <see cref="ErrorMappingInterceptor"/>: reads the google.rpc.Status details
/// of an RpcException (for tests now, and for the CLI's error printing later).</summary>
internal static class RpcErrorDetails
{
    /// <summary>The BadRequest field violations, or none.</summary>
    public static IReadOnlyList<FieldViolation> FieldViolations(this RpcException exception)
    {
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        return badRequest is null
            ? []
            : [.. badRequest.FieldViolations.Select(v => new FieldViolation(v.Field, v.Description))];
    }

    /// <summary>The ErrorInfo, or null.</summary>
    public static ErrorInfo? ErrorInfo(this RpcException exception) => exception.GetRpcStatus()?.GetDetail<ErrorInfo>();
}
