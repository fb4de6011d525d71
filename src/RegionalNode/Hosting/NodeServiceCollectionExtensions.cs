using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Regional.LicenseVerifier.Crypto;
using Regional.Node.Errors;
using Regional.Node.Federation.Transport;
using Regional.Node.Http;
using Regional.Node.Security;
using Regional.Node.Security.Authorization;
using Regional.Node.Security.Certificates;
using Regional.Node.Configuration;

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
        services.TryAddSingleton(sp =>
        {
            var log = sp.GetRequiredService<Ledger.OwnLog>();
            RefuseNewKeyForWrittenLog(sp.GetRequiredService<IOptions<NodeOptions>>().Value.SigningKeyPath!, log);
            return sp.GetRequiredService<SigningKeyStore>().LoadCurrent(log.State.Keys.Current);
        });
        return services;
    }

    /// <summary>The first signing key is created on the first start only: once the log has a signed block,
    /// a missing key file is a lost key (a restore without its keys), and a new one would sign the log's
    /// next checkpoint with a key nobody trusts, a fork in all but name.</summary>
    /// <exception cref="NodeStartupException">The log has blocks and its (unrotated) key file is missing.</exception>
    private static void RefuseNewKeyForWrittenLog(string signingKeyPath, Ledger.OwnLog log)
    {
        if (log.State.Keys.Current is null && log.State.Head.Height is not null && !File.Exists(signingKeyPath))
        {
            throw new NodeStartupException($"signing key {signingKeyPath}: missing, but the log {log.Origin} already holds {log.State.Head.TreeSize} entries "
                + "signed by its key, and a new key would sign on where nobody trusts it: put the region's signing key back "
                + "(restore --keys <key-store>, see docs/operations.md) before starting the node");
        }
    }

    /// <summary>gRPC with the error-mapping, authorisation and call-limit interceptors, the request size limit, health,
    /// reflection, and the HTTP/JSON face of the same services (Http/).</summary>
    public static IServiceCollection AddNodeGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
            grpc.Interceptors.Add<AuthorizationInterceptor>();
            grpc.Interceptors.Add<CallLimitInterceptor>();
        }).AddNodeHttpJson();
        services.TryAddSingleton<CallLimitInterceptor>();
        services.AddHostedService<AuthorizationStartup>();
        services.AddOptions<Grpc.AspNetCore.Server.GrpcServiceOptions>()
            .Configure<IOptions<NodeOptions>>((grpc, node) => grpc.MaxReceiveMessageSize = node.Value.MaxRequestBytes);
        services.AddNodeHealth();
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>The host's own endpoints: health (gRPC and HTTP probes) and server reflection.</summary>
    public static WebApplication MapNodeEndpoints(this WebApplication app)
    {
        app.MapNodeHealth();
        app.MapGrpcReflectionService();
        return app;
    }
}
