using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Regional.Node.Storage;
using Regional.Node.Storage.Postgres;

namespace Regional.Node.Standby;

/// <summary>
/// Turns a region node's services into a standby's: the same readers and gRPC services, on the region's database
/// opened read-only (the server refuses any write), with none of the node's background writers (the ledger writer,
/// the starter catalog, mirror followers, witnessing, the own-log guard). Two services of its own follow what the
/// active writes and wait for the lease; an interceptor refuses everything but reads.
/// </summary>
internal static class StandbyExtensions
{
    /// <summary>Hosted services a standby keeps: they load keys and log what they find, and write nothing.</summary>
    private static readonly HashSet<string> ReadOnlyStartups =
        ["NodeStartup", "AuthorizationStartup", "LedgerStartup", "DocumentVaultStartup"];

    /// <summary>Registers after the region node's services, which it overrides.</summary>
    public static IServiceCollection AddStandby(this IServiceCollection services, StandbyPlan plan)
    {
        services.AddSingleton(plan);
        services.RemoveAll<IDatabase>();
        services.AddSingleton<IDatabase>(_ => new PostgresDatabase(plan.ConnectionString, readOnly: true));
        foreach (var writer in services.Where(IsNodeWriter).ToList())
        {
            services.Remove(writer);
        }
        services.AddSingleton<LeaseWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<LeaseWatch>());
        services.AddHostedService<StandbyFollower>();
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<StandbyGate>());
        return services;
    }

    /// <summary>A hosted service of the node's own (not the framework's) that is not a known read-only one: a new
    /// background writer is left out of a standby by default.</summary>
    private static bool IsNodeWriter(ServiceDescriptor descriptor)
    {
        if (descriptor.ServiceType != typeof(IHostedService))
        {
            return false;
        }
        var type = descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType() ?? descriptor.ImplementationFactory?.Method.DeclaringType;
        var ns = type?.Namespace ?? "";
        return ns.StartsWith("Regional.", StringComparison.Ordinal) && !ReadOnlyStartups.Contains(type!.Name);
    }
}
