namespace Regional.Node.Federation;

/// <summary>What an alarm is about: the kinds operators see in GetLedgerStatus and the regional.alarms metric.</summary>
internal static class AlarmKinds
{
    /// <summary>A peer served a block that failed its checks; the mirror stays as it was.</summary>
    public const string RejectedBlock = "rejected_block";

    /// <summary>A region signed two histories of its log; its mirror is halted.</summary>
    public const string Equivocation = "equivocation";

    /// <summary>A region's block committed a status root that the mirror's own map, recomputed from the
    /// region's entries, does not give: a change left out of the status map, or forged. The block is refused.</summary>
    public const string StatusRootMismatch = "status_root_mismatch";

    /// <summary>A region's node relayed a call on behalf of a department that is not its region's.</summary>
    public const string Impersonation = "impersonation";
}
