using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Errors;
using Regional.Node.Configuration;

namespace Regional.Node.Security.Authorization;

/// <summary>
/// Enforces <see cref="AccessPolicy"/> on every call, registered once for every service. Only when the
/// node trusts a federation CA (Node:CaCertificatePath): without one there are no identities and every
/// call is open (single-node development; a warning is logged at start).
/// </summary>
internal sealed class AuthorizationInterceptor(IOptions<NodeOptions> options) : Interceptor
{
    private readonly bool _enforced = IsEnforced(options.Value);

    /// <summary>Whether calls are authorised at all: only with a federation CA, which gives callers identities.</summary>
    public static bool IsEnforced(NodeOptions options) => !string.IsNullOrEmpty(options.CaCertificatePath);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context, request as IMessage);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context, request as IMessage);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context, null);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context, null);
        return continuation(requestStream, responseStream, context);
    }

    /// <exception cref="NodeException">UNAUTHENTICATED without an identity; PERMISSION_DENIED for a role or
    /// department the method does not allow.</exception>
    private void Check(ServerCallContext context, IMessage? request)
    {
        if (!_enforced || AccessPolicy.AllowedRoles(context.Method) is not { } allowed)
        {
            return;
        }
        var name = context.Method.TrimStart('/');
        var caller = Caller.Of(context);
        if (caller.Role is not { } role)
        {
            throw caller.Subject.Length == 0
                ? NodeException.Unauthenticated(PeerIdentity.NoCertificateReason,
                    $"{name} needs a client certificate naming one of the roles: {string.Join(", ", allowed)}")
                : caller.Problem == "DEPARTMENT_OUTSIDE_REGION"
                ? NodeException.Unauthenticated(caller.Problem,
                    $"certificate '{FieldViolations.Quote(caller.Subject)}' names a department of another region: a client certificate's department must belong to its region (urn:regional:client:<region>:<region>-<department>:<role>)")
                : NodeException.Unauthenticated(caller.Problem ?? "NO_IDENTITY",
                    $"certificate '{caller.Subject}' names no region node nor urn:regional:client:<region>:<department>:<role>");
        }
        if (!allowed.Contains(role, StringComparer.Ordinal))
        {
            throw NodeException.PermissionDenied("ROLE_NOT_ALLOWED",
                $"{name} needs the role {string.Join(" or ", allowed)}; certificate '{caller.Subject}' has the role {role}");
        }
        if (request is not null)
        {
            CheckDepartment(caller, name, request);
        }
    }

    /// <summary>An issuer writes for its own department only: the department the request acts for
    /// (<see cref="AccessPolicy.ActingDepartment"/>) must be the issuer certificate's. Run here on every
    /// unary request, and by ImportLicenses on each row of its stream, which no interceptor sees.</summary>
    /// <param name="name">The method, as messages name it: "regional.v1.LicenseService/IssueLicense".</param>
    /// <exception cref="NodeException">PERMISSION_DENIED, WRONG_DEPARTMENT.</exception>
    public static void CheckDepartment(Caller caller, string name, IMessage request)
    {
        if (caller.Client is { Role: ClientRoles.Issuer } issuer
            && AccessPolicy.ActingDepartment(request) is { } department && department != issuer.Department)
        {
            throw NodeException.PermissionDenied("WRONG_DEPARTMENT",
                $"{name} for department '{FieldViolations.Quote(department)}' needs an issuer certificate of that department; certificate '{caller.Subject}' is of {issuer.Department}");
        }
    }
}
