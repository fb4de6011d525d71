namespace Regional.Node.Errors;

/// <summary>
/// Gives a request that cannot be parsed (bad protobuf, invalid UTF-8 in a string field) a
/// precise INVALID_ARGUMENT instead of UNKNOWN.
/// </summary>
/// <remarks>grpc-dotnet deserialises the request before any interceptor runs, and reports a
/// parse failure as UNKNOWN "Exception was thrown by handler.". Every failure inside a handler
/// goes through <see cref="ErrorMappingInterceptor"/>, which never answers UNKNOWN, so an UNKNOWN
/// trailers-only response with that message can only be a request that did not parse.</remarks>
internal sealed class MalformedRequestMiddleware(RequestDelegate next)
{
    private const string ParseFailure = "Exception was thrown by handler.";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var headers = context.Response.Headers;
        if (!context.Response.HasStarted
            && headers["grpc-status"] == "2"
            && headers["grpc-message"] == ParseFailure)
        {
            headers["grpc-status"] = "3";
            headers["grpc-message"] = Uri.EscapeDataString(
                "request: the message could not be parsed; want valid protobuf with UTF-8 strings");
        }
    }
}
