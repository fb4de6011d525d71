using Grpc.Core;
using Regional.Node.Errors;

namespace Regional.Node.Tests.Support;

/// <summary>Test-only gRPC service: echoes payload sizes and throws the failure a test asks for.</summary>
internal sealed class ProbeService : Probe.ProbeBase
{
    public const string SecretDetail = "connection string Password=hunter2";

    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Size = request.Payload.Length });

    public override async Task<WaitResponse> Wait(WaitRequest request, ServerCallContext context)
    {
        await Task.Delay(request.Milliseconds, context.CancellationToken);
        return new WaitResponse();
    }

    public override Task<FailResponse> Fail(FailRequest request, ServerCallContext context) => request.Failure switch
    {
        "invalid" => throw NodeException.InvalidArgument("license_id", "got '', want 'BJ-...'"),
        "invalid_many" => throw NodeException.InvalidArguments(
        [
            FieldViolation.Got("license_id", "", "'BJ-...'"),
            FieldViolation.Got("fields[2].name", "x y", "a name without spaces"),
        ]),
        "not_found" => throw NodeException.NotFound("LICENSE_NOT_FOUND", "license BJ-1: not found"),
        "precondition" => throw NodeException.FailedPrecondition("TREE_SIZE_MISMATCH", "old_size: got 3, want 5",
            new Dictionary<string, string> { ["size"] = "5" }),
        "bug" => throw new InvalidOperationException(SecretDetail),
        _ => throw new ArgumentException($"unknown failure '{request.Failure}'", nameof(request)),
    };
}
