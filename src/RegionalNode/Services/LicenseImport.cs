using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;
using Regional.LicenseVerifier.Certificates;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Security.Authorization;
using Regional.V1;

namespace Regional.Node.Services;

/// <summary>
/// One ImportLicenses call. Each row is checked like an IssueLicense request (with its request id
/// required, and its department against the issuer certificate's, which no interceptor sees in a
/// stream), then handed to the ledger writer without waiting for the rows before it, so one caller's
/// rows fill blocks; each row's answer is written as soon as its block is durable. A bad row is
/// answered with its <see cref="RowError"/> and the others go on; only a failure of the stream ends the call.
/// </summary>
/// <remarks>One instance per call. Only the reading loop submits, so a full writer queue is waited out in
/// one place instead of waking every row. Answers go through one writing loop: gRPC allows one write at a
/// time. A row holds a slot of the <see cref="Window"/> from being read until its answer is written, so a
/// caller that stops reading answers stops being read from, and the node holds at most Window rows of it.
/// A failure that is no row's fault (a bug, a broken stream) ends the call: every row already answered
/// stands, and the rest are idempotent, so the caller sends them again.</remarks>
internal sealed class LicenseImport : IDisposable
{
    /// <summary>Rows of one call between being read and having their answer written: two blocks of the default
    /// Node:MaxBlockEntries (1,000), so one block seals while the next one's rows wait in the writer's queue,
    /// and half the queue (<see cref="LedgerWriter.QueueCapacity"/>), so an import leaves room for other writes.</summary>
    public const int Window = 2_000;

    private const string Method = "regional.v1.LicenseService/ImportLicenses";

    /// <summary>At most this many answers go out unflushed, however fast they come.</summary>
    private const int FlushEvery = 256;

    /// <summary>How long a row waits, at most, for room in a writer queue full of other callers' commands
    /// (none of this import's own in flight) before it is refused LEDGER_BUSY as an IssueLicense would be.</summary>
    public static readonly TimeSpan DefaultBusyPatience = TimeSpan.FromSeconds(30);

    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    private readonly Func<IssueLicenseCommand, CancellationToken, Task<Sealed<string>>> _submit;
    private readonly TimeSpan _busyPatience;
    private readonly DocumentVault _vault;
    private readonly string _region;
    private readonly Caller? _caller;
    private readonly CancellationToken _cancelled;
    private readonly CancellationTokenSource _stop;
    private readonly SemaphoreSlim _window = new(Window);
    private readonly Channel<ImportLicensesResponse> _answers = Channel.CreateUnbounded<ImportLicensesResponse>(new UnboundedChannelOptions { SingleReader = true });
    private TaskCompletionSource _progress = NewProgress();
    private int _inFlight;
    private Exception? _failure;

    /// <param name="submit">Queues a command on the ledger writer (<see cref="LedgerWriter.SubmitAsync"/>); tests give a writer of their own.</param>
    /// <param name="caller">The caller when calls are authorised (each row's department is checked against
    /// its certificate), else null.</param>
    /// <param name="cancelled">The call's token.</param>
    /// <param name="busyPatience">Default <see cref="DefaultBusyPatience"/>.</param>
    public LicenseImport(Func<IssueLicenseCommand, CancellationToken, Task<Sealed<string>>> submit, DocumentVault vault, string region, Caller? caller,
        CancellationToken cancelled, TimeSpan? busyPatience = null)
    {
        _submit = submit;
        _busyPatience = busyPatience ?? DefaultBusyPatience;
        _vault = vault;
        _region = region;
        _caller = caller;
        _cancelled = cancelled;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancelled);
    }

    /// <summary>Reads every row, and returns once every row read is answered.</summary>
    /// <exception cref="NodeException">PERMISSION_DENIED for a caller that is not an issuer (AccessPolicy already
    /// refuses them; without an issuer's department no row could be checked); INVALID_ARGUMENT for a message
    /// that does not parse.</exception>
    public async Task RunAsync(IAsyncStreamReader<ImportLicensesRequest> requests, IServerStreamWriter<ImportLicensesResponse> responses)
    {
        if (_caller is not null && _caller.Client?.Role != ClientRoles.Issuer)
        {
            throw NodeException.PermissionDenied("ROLE_NOT_ALLOWED", $"{Method} needs the role {ClientRoles.Issuer}; certificate '{_caller.Subject}' has the role {_caller.Role}");
        }
        var token = _stop.Token;
        var writing = WriteAnswersAsync(responses, token);
        try
        {
            ulong? last = null;
            while (await NextAsync(requests, last, token))
            {
                var message = requests.Current;
                last = message.Row;
                await _window.WaitAsync(token);
                await StartAsync(message, token);
            }
            for (var i = 0; i < Window; i++)
            {
                await _window.WaitAsync(token); // every slot back: every row answered and its answer written
            }
        }
        catch (OperationCanceledException) when (_failure is not null)
        {
            // Stopped by the failure thrown below.
        }
        finally
        {
            _answers.Writer.TryComplete();
            await writing;
        }
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }
    }

    /// <summary>Checks a row and submits it, or answers it at once with why not.</summary>
    private async Task StartAsync(ImportLicensesRequest message, CancellationToken token)
    {
        Task<Sealed<string>> issued;
        try
        {
            var request = message.License ?? throw NodeException.InvalidArgument("license", "missing: want the licence to issue");
            if (_caller is not null)
            {
                AuthorizationInterceptor.CheckDepartment(_caller, Method, request);
            }
            RequestRules.CheckIssue(request, _region, requestIdRequired: true);
            issued = await SubmitAsync(new IssueLicenseCommand(request, _vault), token);
        }
        catch (NodeException refused)
        {
            _answers.Writer.TryWrite(Refused(message.Row, refused));
            return;
        }
        Interlocked.Increment(ref _inFlight);
        _ = FinishAsync(message.Row, issued);
    }

    /// <summary>Queues the command on the writer. While the writer's queue is full, waits for a row of this
    /// import to leave it, or (with none in flight) backs off, and tries again rather than refusing the row.</summary>
    /// <exception cref="NodeException">LEDGER_BUSY when other callers keep the queue full beyond the patience (<see cref="DefaultBusyPatience"/>).</exception>
    private async Task<Task<Sealed<string>>> SubmitAsync(IssueLicenseCommand command, CancellationToken token)
    {
        var waited = TimeSpan.Zero;
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var progress = Volatile.Read(ref _progress).Task;
            try
            {
                return _submit(command, token);
            }
            catch (NodeException busy) when (busy.Code == StatusCode.ResourceExhausted)
            {
                // LEDGER_BUSY: nothing was queued, so the same command may be submitted again.
                if (Volatile.Read(ref _inFlight) > 0)
                {
                    await progress.WaitAsync(token);
                    continue;
                }
                if (waited >= _busyPatience)
                {
                    throw;
                }
                await Task.Delay(pause, token);
                waited += pause;
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.TicksPerSecond));
            }
        }
    }

    /// <summary>Waits for a submitted row's block and hands its answer to the writing loop.</summary>
    private async Task FinishAsync(ulong row, Task<Sealed<string>> issued)
    {
        ImportLicensesResponse answer;
        try
        {
            var done = await issued;
            answer = new ImportLicensesResponse { Row = row, Issued = new IssueLicenseResponse { LicenseId = done.Value, Receipt = done.Receipt } };
        }
        catch (NodeException refused)
        {
            answer = Refused(row, refused);
        }
        catch (Exception ex)
        {
            Fail(ex); // cancelled (the call is ending anyway), or a bug: not the row's fault
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Exchange(ref _progress, NewProgress()).TrySetResult();
        }
        _answers.Writer.TryWrite(answer);
    }

    /// <summary>Writes answers as they come; a row's window slot is freed once its answer is written.</summary>
    private async Task WriteAnswersAsync(IServerStreamWriter<ImportLicensesResponse> responses, CancellationToken token)
    {
        var reader = _answers.Reader;
        var unflushed = 0;
        try
        {
            while (await reader.WaitToReadAsync(token))
            {
                while (reader.TryRead(out var answer))
                {
                    // Answers that are ready together go out together: the last of them (or every FlushEvery-th) flushes.
                    var buffer = reader.TryPeek(out _) && ++unflushed < FlushEvery;
                    unflushed = buffer ? unflushed : 0;
                    responses.WriteOptions = buffer ? Buffered : WriteOptions.Default;
                    // Not every stream writer can cancel a write; one the caller does not take ends when the call is aborted.
                    await responses.WriteAsync(answer, CancellationToken.None);
                    _window.Release();
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    /// <summary>Stops the call for a failure that is not a row's; the first one is what the call fails with.
    /// A cancelled call stays cancelled.</summary>
    private void Fail(Exception error)
    {
        if (_cancelled.IsCancellationRequested || error is OperationCanceledException)
        {
            return;
        }
        if (Interlocked.CompareExchange(ref _failure, error, null) is null)
        {
            _stop.Cancel();
        }
    }

    /// <summary>The next row; a message that does not parse ends the call with INVALID_ARGUMENT naming where it was.</summary>
    private static async Task<bool> NextAsync(IAsyncStreamReader<ImportLicensesRequest> requests, ulong? last, CancellationToken token)
    {
        try
        {
            return await requests.MoveNext(token);
        }
        catch (InvalidProtocolBufferException)
        {
            throw NodeException.InvalidArgument("row", $"the message after {(last is { } row ? $"row {row}" : "the call's start")} could not be parsed; want an ImportLicensesRequest (protobuf with UTF-8 strings)");
        }
    }

    private static ImportLicensesResponse Refused(ulong row, NodeException refused) => new() { Row = row, Error = RowErrors.From(refused) };

    private static TaskCompletionSource NewProgress() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        _stop.Dispose();
        _window.Dispose();
    }
}
