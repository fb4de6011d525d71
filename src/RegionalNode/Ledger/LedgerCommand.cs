using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Regional.Node.Errors;
using Regional.V1;

namespace Regional.Node.Ledger;

/// <summary>Where a command's entry landed, once its block is durable.</summary>
internal sealed record Sealed<T>(T Value, EntryReceipt? Receipt);

/// <summary>
/// A write to the node's own log, run by the single writer inside the block's transaction.
/// <see cref="Execute"/> reads and writes through the context; throwing a NodeException rejects
/// this command alone (its writes are rolled back to a savepoint) and the block goes on.
/// </summary>
internal abstract class LedgerCommand
{
    /// <summary>Runs the command inside the sealing transaction; returns the leaf its receipt
    /// names (the last entry it appended, or the original entry of a replayed request).</summary>
    public abstract ulong? Execute(SealingContext context);

    /// <summary>The block is durable: answer the caller.</summary>
    public abstract void Complete(EntryReceipt? receipt);

    /// <summary>The command was refused or the block failed: answer the caller with the error.</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A command with a typed result for its caller, and idempotency by request id: a retry
/// with the same id and the same request gets the first answer and appends nothing; the same id
/// with a different request is refused. The stored fingerprint is keyed (<see cref="RequestFingerprint"/>).</summary>
/// <remarks>An id stored before schema version 4 has lost its fingerprint (migration step 4 erased the
/// plain hash), so whether a new request under it is a retry cannot be told: it is refused as a reuse,
/// naming the entry the first request wrote. Never carrying it out again is the point of the id; the
/// caller looks the first answer up (GetLicense) or, for a new request, uses a new id.</remarks>
internal abstract class LedgerCommand<T>(string? requestId = null, IMessage? request = null) : LedgerCommand
{
    private readonly TaskCompletionSource<Sealed<T>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _value;
    private bool _executed;

    /// <summary>The caller's answer: completes when the block holding the entry is durable.</summary>
    public Task<Sealed<T>> Completion => _completion.Task;

    public sealed override ulong? Execute(SealingContext context)
    {
        var idempotent = !string.IsNullOrEmpty(requestId);
        var fingerprint = idempotent ? Fingerprint(context) : null;
        if (idempotent && context.Session.Requests.Find(requestId!) is { } earlier)
        {
            if (earlier.Fingerprint.Length == 0)
            {
                throw NodeException.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id: '{FieldViolations.Quote(requestId!)}' was used before this node kept keyed fingerprints (schema 4), so a retry cannot be told "
                    + $"from another request; it is not carried out again: the first request wrote {(earlier.Leaf is { } first ? $"leaf {first}" : "no entry")}; want a new id for a new request");
            }
            if (!CryptographicOperations.FixedTimeEquals(earlier.Fingerprint, fingerprint))
            {
                throw NodeException.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id: '{FieldViolations.Quote(requestId!)}' was used for a different request; want a new id for a new request");
            }
            _value = JsonSerializer.Deserialize<T>(earlier.Result);
            _executed = true;
            return earlier.Leaf;
        }
        _value = Run(context);
        _executed = true;
        ulong? leaf = context.AppendedByCurrent.Count > 0 ? context.AppendedByCurrent[^1] : null;
        if (idempotent)
        {
            context.Session.Requests.Add(requestId!, fingerprint!, JsonSerializer.SerializeToUtf8Bytes(_value), leaf);
        }
        return leaf;
    }

    /// <summary>The keyed fingerprint of the request; a command with an id but no request, or a sealer
    /// without a request key, is a bug in the node, never the caller's error.</summary>
    private byte[] Fingerprint(SealingContext context) =>
        (context.Fingerprints ?? throw new InvalidOperationException("a command with a request id ran in a sealer without a request key"))
        .Of(request ?? throw new InvalidOperationException("a command has a request id but no request to fingerprint"));

    /// <summary>Does the command's work; returns the value the caller gets.</summary>
    protected abstract T Run(SealingContext context);

    public sealed override void Complete(EntryReceipt? receipt)
    {
        if (!_executed)
        {
            throw new InvalidOperationException("a command was completed before it ran");
        }
        _completion.TrySetResult(new Sealed<T>(_value!, receipt));
    }

    public sealed override void Fail(Exception error) => _completion.TrySetException(error);
}
