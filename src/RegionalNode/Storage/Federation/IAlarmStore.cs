using Regional.V1;

namespace Regional.Node.Storage.Federation;

/// <summary>How many alarms of a kind were raised against a region.</summary>
internal sealed record AlarmCount(string Kind, string Region, long Count);

/// <summary>Things an operator must look at (a rejected block, equivocation, impersonation), kept with their
/// evidence; kept durably, so the totals survive restarts.</summary>
internal interface IAlarmStore
{
    void Raise(string region, string kind, string detail, DateTimeOffset now, string? evidenceA = null, string? evidenceB = null);

    /// <summary>The latest alarms, newest first.</summary>
    IReadOnlyList<Alarm> List(int limit = 50);

    /// <summary>Every alarm counted by kind and region.</summary>
    IReadOnlyList<AlarmCount> Counts();
}
