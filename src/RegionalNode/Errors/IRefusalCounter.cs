using Grpc.Core;

namespace Regional.Node.Errors;

/// <summary>Counts the calls the node refused, by status code and ErrorInfo reason, as
/// <see cref="ErrorMappingInterceptor"/> answers them (Telemetry/NodeMetrics: regional.calls.refused).</summary>
internal interface IRefusalCounter
{
    void Refused(StatusCode code, string reason);
}
