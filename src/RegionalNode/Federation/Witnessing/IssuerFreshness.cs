using System.Collections.Concurrent;
using Grpc.Core;
using Regional.Node.Federation.Mirroring;
using Regional.Node.Ledger;

namespace Regional.Node.Federation.Witnessing;

/// <summary>What this node last learnt of an issuer's newest checkpoint.</summary>
/// <param name="CheckedAt">When the issuer was asked.</param>
/// <param name="IssuerSize">The size of its newest checkpoint, verified; null when it could not be learnt.</param>
/// <param name="Problem">Why it could not be learnt (unreachable, bad signature, bad proof), or null.</param>
internal sealed record IssuerView(DateTimeOffset CheckedAt, ulong? IssuerSize, string? Problem);

/// <summary>
/// The freshness cross-check of a mirror: how far behind its issuer it is, from the issuer's newest
/// checkpoint (see <see cref="IssuerCheck"/>). Bounded: at most one check per issuer per
/// <see cref="MinInterval"/>, each call with a short deadline, run in the background; readers get
/// the latest view at once and never wait for the issuer, so a down issuer slows nothing.
/// </summary>
/// <remarks>Thread-safe: one check at a time per issuer.</remarks>
internal sealed partial class IssuerFreshness(IssuerCheck check, TimeProvider clock, ILogger<IssuerFreshness> logger)
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>The latest view of the mirror's issuer (null before the first check ends); starts a
    /// check in the background when the last one began at least <see cref="MinInterval"/> ago.</summary>
    public IssuerView? Observe(MirrorLog mirror)
    {
        var slot = _slots.GetOrAdd(mirror.Region, _ => new Slot());
        var now = clock.GetUtcNow();
        if (now - slot.StartedAt >= MinInterval && Interlocked.CompareExchange(ref slot.Running, 1, 0) == 0)
        {
            slot.StartedAt = now;
            _ = Task.Run(() => RefreshAsync(mirror, slot));
        }
        return slot.View;
    }

    /// <summary>Checks the issuer now and returns the new view (tests and callers that can wait).</summary>
    public async Task<IssuerView> CheckNowAsync(MirrorLog mirror, CancellationToken cancellationToken = default)
    {
        var view = await check.RunAsync(mirror, cancellationToken);
        _slots.GetOrAdd(mirror.Region, _ => new Slot()).View = view;
        return view;
    }

    /// <summary>How fresh an answer from the mirror is, in words: the mirror's checkpoint size and
    /// age and, when the issuer's newest checkpoint is known, how many entries the mirror is behind.</summary>
    public static string Describe(MirrorLog mirror, Ledger.LogState state, IssuerView? view, DateTimeOffset now)
    {
        var text = FormattableString.Invariant($"answered from this node's mirror of {mirror.Region} at size {state.Head.TreeSize}");
        if (state.Head.SealedAt is { } sealedAt)
        {
            text += FormattableString.Invariant($", checkpoint sealed {Seconds(now - sealedAt)} s ago");
        }
        if (view is null)
        {
            return text + "; the issuer's newest checkpoint is being checked";
        }
        var checkedAgo = Seconds(now - view.CheckedAt);
        if (view.IssuerSize is not { } issuerSize)
        {
            return text + FormattableString.Invariant($"; the issuer could not be checked {checkedAgo} s ago: {view.Problem}");
        }
        return text + (issuerSize > state.Head.TreeSize
            ? FormattableString.Invariant($"; {issuerSize - state.Head.TreeSize} entries behind the issuer's newest checkpoint (size {issuerSize}, checked {checkedAgo} s ago)")
            : FormattableString.Invariant($"; up to date with the issuer's newest checkpoint (size {issuerSize}, checked {checkedAgo} s ago)"));
    }

    private static string Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private async Task RefreshAsync(MirrorLog mirror, Slot slot)
    {
        try
        {
            slot.View = await check.RunAsync(mirror, CancellationToken.None);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            slot.View = new IssuerView(clock.GetUtcNow(), null, ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : "timed out");
        }
        catch (Exception ex)
        {
            // Nobody awaits a background check: say what went wrong rather than lose it.
            LogCheckFailed(ex, mirror.Region);
            slot.View = new IssuerView(clock.GetUtcNow(), null, "the check failed on this node; see its log");
        }
        finally
        {
            Volatile.Write(ref slot.Running, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Freshness check of the issuer {Region} failed unexpectedly")]
    private partial void LogCheckFailed(Exception exception, string region);

    private sealed class Slot
    {
        public int Running;
        private IssuerView? _view;
        private long _startedAtTicks = DateTimeOffset.MinValue.UtcTicks;

        public IssuerView? View { get => Volatile.Read(ref _view); set => Volatile.Write(ref _view, value); }

        public DateTimeOffset StartedAt
        {
            get => new(Interlocked.Read(ref _startedAtTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _startedAtTicks, value.UtcTicks);
        }
    }
}
