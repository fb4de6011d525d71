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
/// with a different request is refused.</summary>
internal abstract class LedgerCommand<T>(string? requestId = null, IMessage? request = null) : LedgerCommand
{
    private readonly TaskCompletionSource<Sealed<T>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _value;
    private bool _executed;

    /// <summary>The caller's answer: completes when the block holding the entry is durable.</summary>
    public Task<Sealed<T>> Completion => _completion.Task;

    public sealed override ulong? Execute(SealingContext context)
    {
        var fingerprint = request is null ? null : context.Suite.Hash(request.ToByteArray());
        if (!string.IsNullOrEmpty(requestId) && RequestStore.Find(context.Connection, requestId) is { } earlier)
        {
            if (fingerprint is null || !earlier.Fingerprint.AsSpan().SequenceEqual(fingerprint))
            {
                throw NodeException.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id: '{FieldViolations.Quote(requestId)}' was used for a different request; want a new id for a new request");
            }
            _value = JsonSerializer.Deserialize<T>(earlier.Result);
            _executed = true;
            return earlier.Leaf;
        }
        _value = Run(context);
        _executed = true;
        ulong? leaf = context.AppendedByCurrent.Count > 0 ? context.AppendedByCurrent[^1] : null;
        if (!string.IsNullOrEmpty(requestId))
        {
            RequestStore.Add(context.Connection, requestId, fingerprint!, JsonSerializer.SerializeToUtf8Bytes(_value), leaf);
        }
        return leaf;
    }

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
