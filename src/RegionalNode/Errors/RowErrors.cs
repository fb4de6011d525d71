using Google.Rpc;
using Regional.V1;

namespace Regional.Node.Errors;

/// <summary>
/// A failure of one row of a stream (an ImportLicenses row), which is answered in the stream instead of
/// ending the call: the same google.rpc.Status a unary call would get from
/// <see cref="ErrorMappingInterceptor.ToStatus"/>, read back into a <see cref="RowError"/>, so a row and
/// a call that fail alike say the same thing.
/// </summary>
internal static class RowErrors
{
    public static RowError From(NodeException exception)
    {
        var status = ErrorMappingInterceptor.ToStatus(exception);
        var error = new RowError { Code = CodeName((Grpc.Core.StatusCode)status.Code), Message = status.Message };
        if (status.GetDetail<ErrorInfo>() is { } info)
        {
            error.Reason = info.Reason;
            error.Metadata.Add(info.Metadata);
        }
        if (status.GetDetail<BadRequest>() is { } badRequest)
        {
            error.FieldViolations.Add(badRequest.FieldViolations.Select(v => new RowError.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        }
        return error;
    }

    /// <summary>"INVALID_ARGUMENT" for StatusCode.InvalidArgument: the code's name in the gRPC specification.</summary>
    public static string CodeName(Grpc.Core.StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
