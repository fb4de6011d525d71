namespace Regional.LicenseVerifier.Ledger;

/// <summary>
/// How a node says it holds a log (<c>LogStatus.state</c> on the wire): its own log, or a mirror that is
/// catching up, following, unreachable, rejected a block, or halted on equivocation. One type for the
/// node that reports it and the tools that read it, so the words cannot drift apart.
/// </summary>
/// <remarks>The zero value is not a state: <see cref="IsKnown"/> is false and it prints as "".</remarks>
public readonly record struct MirrorState
{
    private MirrorState(string value) => Value = value;

    /// <summary>The wire word, e.g. "following".</summary>
    public string Value { get; } = "";

    /// <summary>The node's own log (not a mirror).</summary>
    public static MirrorState Own { get; } = new("own");

    /// <summary>Not yet at the issuer's latest signed size (also: not yet connected).</summary>
    public static MirrorState CatchingUp { get; } = new("catching_up");

    /// <summary>Streaming the issuer's blocks as they are sealed.</summary>
    public static MirrorState Following { get; } = new("following");

    /// <summary>The issuer's node cannot be reached; the mirror keeps what it verified.</summary>
    public static MirrorState Unreachable { get; } = new("unreachable");

    /// <summary>A block failed its checks and was not stored; an alarm says which.</summary>
    public static MirrorState Rejected { get; } = new("rejected");

    /// <summary>The issuer signed two histories (equivocation): the mirror stops until an operator acts.</summary>
    public static MirrorState Halted { get; } = new("halted");

    /// <summary>Every state, in the order a status table lists them.</summary>
    public static IReadOnlyList<MirrorState> All { get; } = [Own, CatchingUp, Following, Unreachable, Rejected, Halted];

    /// <summary>Whether this is one of <see cref="All"/>.</summary>
    public bool IsKnown => All.Contains(this);

    /// <summary>A state an operator must look at: a rejected block or equivocation.</summary>
    public bool NeedsOperator => this == Rejected || this == Halted;

    /// <summary>The state a wire word names; an unknown word keeps its text and is not <see cref="IsKnown"/>.</summary>
    public static MirrorState Parse(string? value) =>
        All.FirstOrDefault(s => s.Value == value) is { IsKnown: true } known ? known : new MirrorState(value ?? "");

    /// <summary>The wire word.</summary>
    public override string ToString() => Value ?? "";
}
