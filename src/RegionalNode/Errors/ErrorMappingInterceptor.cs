using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Regional.Node.Errors;

/// <summary>
/// The edge where failures become gRPC statuses, registered once for every service:
/// <see cref="NodeException"/> becomes its code with google.rpc.Status details (ErrorInfo, and
/// BadRequest field violations); cancellation of a cancelled call becomes CANCELLED; anything else is
/// logged with the call's context and answered INTERNAL with a generic message, never the exception's.
/// </summary>
internal sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, IRefusalCounter? refusals = null) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    internal RpcException Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case NodeException node:
                LogFailure(logger, context.Method, node.Code, node.Reason, node.Message);
                refusals?.Refused(node.Code, node.Reason);
                return ToStatus(node).ToRpcException();
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested
                && CallDeadline.PassedFor(context.UserState):
                LogDeadline(logger, context.Method);
                return new RpcException(new Grpc.Core.Status(StatusCode.DeadlineExceeded, "the call's deadline (grpc-timeout) passed"));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                LogCancelled(logger, context.Method);
                return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "the call was cancelled"));
            default:
                var traceId = context.GetHttpContext().TraceIdentifier;
                LogUnexpected(logger, exception, context.Method, context.Peer, traceId);
                return new RpcException(new Grpc.Core.Status(StatusCode.Internal,
                    $"internal error; the node's log has the details under trace id {traceId}"));
        }
    }

    internal static Google.Rpc.Status ToStatus(NodeException exception)
    {
        var errorInfo = new ErrorInfo { Reason = exception.Reason, Domain = NodeException.Domain };
        foreach (var (key, value) in exception.Metadata)
        {
            errorInfo.Metadata[key] = value;
        }
        var status = new Google.Rpc.Status
        {
            Code = (int)exception.Code,
            Message = exception.Message,
            Details = { Any.Pack(errorInfo) },
        };
        if (exception.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.Add(exception.Violations.Select(v => new BadRequest.Types.FieldViolation
            {
                Field = v.Field,
                Description = v.Description,
            }));
            status.Details.Add(Any.Pack(badRequest));
        }
        return status;
    }

    [LoggerMessage(101, LogLevel.Debug, "{Method} failed: {StatusCode} {Reason}: {Message}")]
    private static partial void LogFailure(ILogger logger, string method, StatusCode statusCode, string reason, string message);

    [LoggerMessage(102, LogLevel.Debug, "{Method} was cancelled by the caller")]
    private static partial void LogCancelled(ILogger logger, string method);

    [LoggerMessage(104, LogLevel.Debug, "{Method} over HTTP/JSON passed its deadline")]
    private static partial void LogDeadline(ILogger logger, string method);

    [LoggerMessage(103, LogLevel.Error, "{Method} from {Peer} failed unexpectedly (trace id {TraceId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string peer, string traceId);
}
