using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Regional.Node.Configuration;
using Regional.Node.Errors;

namespace Regional.Node.Http;

/// <summary>
/// Stands before the JSON transcoder on every HTTP/JSON route (docs/integrating.md) and gives an HTTP caller
/// what a gRPC caller gets from grpc-dotnet: the request size limit (Node:MaxRequestBytes; 413 with reason
/// REQUEST_TOO_LARGE, read no further than the limit), a deadline from <c>grpc-timeout</c>, and a body that
/// does not parse answered with a google.rpc.BadRequest field violation per bad field (400). A body must be
/// <c>application/json</c> in UTF-8: a browser's cross-site form post (<c>text/plain</c>, form encodings)
/// is refused here, so a page cannot make a browser that holds a client certificate write on its behalf. An
/// empty body is <c>{}</c>. Everything after this (identity, authorization, call limits, access records,
/// error mapping) is the gRPC pipeline's own: the transcoder calls the same service methods through the
/// same interceptors.
/// </summary>
internal sealed partial class JsonRequestGate(RequestDelegate next, IOptions<NodeOptions> options, ILogger<JsonRequestGate> logger)
{
    private static readonly JsonFormatter StatusFormatter = new(JsonFormatter.Settings.Default
        .WithTypeRegistry(TypeRegistry.FromMessages(ErrorInfo.Descriptor, BadRequest.Descriptor)));

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not { } route)
        {
            await next(context);
            return;
        }
        IDisposable? deadline = null;
        if (context.Request.Headers.TryGetValue(HttpDeadline.Header, out var timeoutHeader))
        {
            if (HttpDeadline.Parse(timeoutHeader.ToString()) is not { } timeout)
            {
                await RefuseAsync(context, route, NodeException.InvalidArgument(HttpDeadline.Header,
                    $"got '{FieldViolations.Quote(timeoutHeader.ToString())}', want up to 8 digits and a unit H, M, S, m, u or n (e.g. 5S)"));
                return;
            }
            deadline = HttpDeadline.Start(context, timeout);
        }
        using (deadline)
        {
            if (!string.IsNullOrEmpty(route.HttpRule.Body) && !await TakeBodyAsync(context, route))
            {
                return;
            }
            await next(context);
        }
    }

    /// <summary>Reads the body (bounded), checks its type and shape, and puts it back for the transcoder.
    /// False when the call was refused.</summary>
    private async Task<bool> TakeBodyAsync(HttpContext context, GrpcJsonTranscodingMetadata route)
    {
        var request = context.Request;
        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength > limit)
        {
            await RefuseTooLargeAsync(context, route, limit);
            return false;
        }
        var body = await ReadBoundedAsync(request.Body, limit, context.RequestAborted);
        if (body is null)
        {
            await RefuseTooLargeAsync(context, route, limit);
            return false;
        }
        if (body.Length == 0)
        {
            request.Body = new MemoryStream(EmptyObject, writable: false);
            request.ContentType = "application/json";
            return true;
        }
        if (!IsJsonUtf8(request.ContentType))
        {
            await RefuseAsync(context, route, NodeException.InvalidArgument("Content-Type",
                $"got '{FieldViolations.Quote(request.ContentType)}', want application/json (UTF-8)"));
            return false;
        }
        var violations = JsonShape.Check(body, route.MethodDescriptor.InputType);
        if (violations.Count > 0)
        {
            await RefuseAsync(context, route, NodeException.InvalidArguments(violations));
            return false;
        }
        request.Body = new MemoryStream(body, writable: false);
        return true;
    }

    /// <summary>The whole body, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int limit, CancellationToken cancel)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancel)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool IsJsonUtf8(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (media.Charset.Length == 0 || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private Task RefuseTooLargeAsync(HttpContext context, GrpcJsonTranscodingMetadata route, int limit) =>
        RefuseAsync(context, route, new NodeException(StatusCode.ResourceExhausted, "REQUEST_TOO_LARGE",
            $"the request body is larger than {limit} bytes (Node:MaxRequestBytes)"), StatusCodes.Status413PayloadTooLarge);

    private async Task RefuseAsync(HttpContext context, GrpcJsonTranscodingMetadata route, NodeException error, int httpStatus = StatusCodes.Status400BadRequest)
    {
        LogRefused(logger, route.MethodDescriptor.FullName, error.Code, error.Reason, error.Message);
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        // The body was not read to its end: close the connection rather than read the rest of an oversized one.
        if (httpStatus == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.Headers.Connection = "close";
        }
        await context.Response.WriteAsync(StatusFormatter.Format(ErrorMappingInterceptor.ToStatus(error)), context.RequestAborted);
    }

    [LoggerMessage(111, LogLevel.Debug, "{Method} over HTTP/JSON refused before the call: {StatusCode} {Reason}: {Message}")]
    private static partial void LogRefused(ILogger logger, string method, StatusCode statusCode, string reason, string message);
}
