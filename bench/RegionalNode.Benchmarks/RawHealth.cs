using Grpc.Core;

namespace Regional.Node.Benchmarks;

/// <summary>
/// grpc.health.v1.Health/Check as raw bytes: the near-empty unary call on the node's own server
/// (request: the empty HealthCheckRequest, zero bytes; answer: status SERVING, bytes 08 01), so
/// no health client package is needed and the client does no protobuf work at all.
/// </summary>
internal static class RawHealth
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static readonly Method<byte[], byte[]> Check = new(MethodType.Unary, "grpc.health.v1.Health", "Check", Bytes, Bytes);

    private static readonly byte[] ServingAnswer = [0x08, 0x01];

    /// <summary>One Check call; true when the node answers SERVING.</summary>
    public static async Task<bool> IsServingAsync(CallInvoker invoker)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5));
        var answer = await invoker.AsyncUnaryCall(Check, null, options, []).ResponseAsync;
        return answer.AsSpan().SequenceEqual(ServingAnswer);
    }
}
