using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Errors;
using Regional.Node.Federation.Transport;
using Regional.Node.Security;
using Regional.Node.Security.Authorization;
using Regional.Node.Security.Certificates;

namespace Regional.Node.Hosting;

/// <summary>The host's registrations, one extension per concern.</summary>
internal static class NodeServiceCollectionExtensions
{
    /// <summary>Node options (bound, defaulted, validated at start), the suite, the clock, Kestrel.</summary>
    public static IServiceCollection AddNodeHosting(this IServiceCollection services)
    {
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<NodeOptions>, NodeOptionsDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>());
        services.TryAddSingleton(sp => Suite.FromName(sp.GetRequiredService<IOptions<NodeOptions>>().Value.Suite)!);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, KestrelSetup>());
        services.AddHostedService<NodeStartup>();
        return services;
    }

    /// <summary>The region's signing key (loaded or created at start), the TLS certificate store, the
    /// federation credentials (own certificate, CA) and the factory of mutual-TLS channels to peers.</summary>
    public static IServiceCollection AddNodeSecurity(this IServiceCollection services)
    {
        services.TryAddSingleton<TlsCertificateStore>();
        services.TryAddSingleton<FederationCredentials>();
        services.TryAddSingleton<PeerChannelFactory>();
        services.TryAddSingleton<SigningKeyStore>();
        // The log decides which key is current (its last key rotation); the file is found by key ID.
        services.TryAddSingleton(sp => sp.GetRequiredService<SigningKeyStore>().LoadCurrent(sp.GetRequiredService<Ledger.OwnLog>().State.Keys.Current));
        return services;
    }

    /// <summary>gRPC with the error-mapping, authorisation and call-limit interceptors, the request size limit, health, reflection.</summary>
    public static IServiceCollection AddNodeGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
            grpc.Interceptors.Add<AuthorizationInterceptor>();
            grpc.Interceptors.Add<CallLimitInterceptor>();
        });
        services.TryAddSingleton<CallLimitInterceptor>();
        services.AddHostedService<AuthorizationStartup>();
        services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>()
            .Configure<IOptions<NodeOptions>>((grpc, node) => grpc.MaxReceiveMessageSize = node.Value.MaxRequestBytes);
        services.AddGrpcHealthChecks().AddCheck<NodeHealthCheck>(NodeHealthCheck.Name);
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>The host's own endpoints: gRPC health checking and server reflection.</summary>
    public static WebApplication MapNodeEndpoints(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
