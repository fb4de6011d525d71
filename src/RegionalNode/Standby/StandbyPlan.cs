using Regional.Node.Configuration;
using Regional.Node.Storage;
using Regional.Node.Storage.Postgres;

namespace Regional.Node.Standby;

/// <summary>
/// A region node on PostgreSQL that finds another process of its region holding the writer lease, and has an address
/// to serve reads on (Node:StandbyListen): it starts as the standby (docs/storage.md, "Active and standby").
/// </summary>
/// <param name="ConnectionString">The region's database.</param>
/// <param name="Active">Who holds the lease, as it named itself.</param>
/// <param name="Listen">Node:StandbyListen.</param>
/// <param name="Holder">What this process calls itself when it takes the lease.</param>
internal sealed record StandbyPlan(string ConnectionString, string Active, string Listen, string Holder)
{
    /// <summary>
    /// Decided before the host is built. A lease handed over by this process's standby (<paramref name="takeover"/>),
    /// or one free now, makes an active node that holds it (<see cref="TakenLease"/>). The standby plan only when the
    /// lease is held elsewhere, Node:StandbyListen is set and the database holds the own log at this build's schema;
    /// otherwise null, and a node on PostgreSQL waits for the lease without serving, as it does without a standby
    /// address.
    /// </summary>
    public static StandbyPlan? Decide(IConfiguration configuration, IServiceCollection services, WriterLease? takeover)
    {
        if (takeover is not null)
        {
            services.AddSingleton(new TakenLease(takeover));
            return null;
        }
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var listen = configuration[$"{NodeOptions.Section}:{nameof(NodeOptions.StandbyListen)}"];
        if (!storage.IsPostgres || string.IsNullOrWhiteSpace(storage.ConnectionString) || string.IsNullOrWhiteSpace(listen)
            || configuration[$"{NodeOptions.Section}:{nameof(NodeOptions.Mode)}"] == NodeModes.Mirror)
        {
            return null;
        }
        var holder = StorageOptions.Holder(configuration[$"{NodeOptions.Section}:{nameof(NodeOptions.Region)}"] ?? "node");
        if (WriterLease.TryAcquire(storage.ConnectionString, holder, out var active) is { } lease)
        {
            services.AddSingleton(new TakenLease(lease));
            return null;
        }
        return PostgresMigrations.HoldsCurrentOwnLog(storage.ConnectionString) ? new StandbyPlan(storage.ConnectionString, active, listen, holder) : null;
    }
}
