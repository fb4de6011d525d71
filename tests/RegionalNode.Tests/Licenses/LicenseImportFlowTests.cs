using Grpc.Core;
using Regional.Node.Errors;
using Regional.Node.Ledger;
using Regional.Node.Licenses;
using Regional.Node.Services;
using Regional.Node.Tests.Support;
using Regional.V1;

namespace Regional.Node.Tests.Licenses;

/// <summary>The flow of one import against a ledger the test drives (<see cref="FakeLedger"/>): a full writer
/// queue is waited out, not failed; at most <see cref="LicenseImport.Window"/> rows are read ahead of their
/// answers; answers are written one at a time; a refused block refuses its rows only; a bug ends the call.</summary>
[TestFixture]
public sealed class LicenseImportFlowTests
{
    [Test]
    public async Task RunAsync_WriterQueueFullOfOthersAndOwnRows_WaitsAndRetriesNoRowRefused()
    {
        // Arrange: a queue of 10, 4 taken by other callers; blocks of 7 sealed every millisecond or so.
        var ledger = new FakeLedger(capacity: 10);
        ledger.Occupy(4);
        var rows = new RowReader(Imports.BusinessLicences("MA0FLOW", 100));
        var answers = new AnswerWriter();
        using var import = new LicenseImport(ledger.SubmitAsync, null!, "bj", null, CancellationToken.None);
        using var sealing = new CancellationTokenSource();
        var sealer = ledger.SealEveryAsync(7, sealing.Token);

        // Act
        await import.RunAsync(rows, answers);
        await sealing.CancelAsync();
        await sealer;

        // Assert
        Assert.That(answers.Written.Select(a => a.ResultCase), Is.All.EqualTo(ImportLicensesResponse.ResultOneofCase.Issued));
        Assert.That(answers.Written.Select(a => a.Row), Is.EquivalentTo(Enumerable.Range(1, 100).Select(i => (ulong)i)));
        Assert.That(ledger.Refusals, Is.GreaterThan(0), "the queue was full at times");
        Assert.That(ledger.MostQueued, Is.LessThanOrEqualTo(10));
        Assert.That(answers.Overlapped, Is.False, "two answers were written at once");
    }

    [Test]
    public async Task RunAsync_QueueFullOfOthersBeyondPatience_RowsRefusedLedgerBusy()
    {
        // Arrange: other callers hold the whole queue and nothing is sealed.
        var ledger = new FakeLedger(capacity: 3);
        ledger.Occupy(3);
        var answers = new AnswerWriter();
        using var import = new LicenseImport(ledger.SubmitAsync, null!, "bj", null, CancellationToken.None, busyPatience: TimeSpan.FromMilliseconds(50));

        // Act
        await import.RunAsync(new RowReader(Imports.BusinessLicences("MA0FULL", 2)), answers);

        // Assert
        Assert.That(answers.Written.Select(a => (a.Error?.Code, a.Error?.Reason)), Is.All.EqualTo(("RESOURCE_EXHAUSTED", "LEDGER_BUSY")));
        Assert.That(answers.Written, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_LedgerNeverAnswers_ReadsNoFurtherThanTheWindow()
    {
        // Arrange
        var ledger = new FakeLedger(capacity: 10_000);
        var rows = new RowReader(Imports.BusinessLicences("MA0WIN", LicenseImport.Window + 500));
        using var cancel = new CancellationTokenSource();
        using var import = new LicenseImport(ledger.SubmitAsync, null!, "bj", null, cancel.Token);

        // Act
        var running = import.RunAsync(rows, new AnswerWriter());
        var submitted = await Eventually.UntilAsync(() => Task.FromResult(ledger.Submitted), n => n >= LicenseImport.Window);
        await Task.Delay(200);

        // Assert
        Assert.That((submitted, ledger.Submitted), Is.EqualTo((LicenseImport.Window, LicenseImport.Window)));
        Assert.That(rows.Reads, Is.LessThanOrEqualTo(LicenseImport.Window + 1));
        await cancel.CancelAsync();
        Assert.That(() => running, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task RunAsync_BlockNotSealed_ItsRowsAnsweredUnavailableTheOthersIssued()
    {
        // Arrange: the first block (3 rows) fails to commit; the rest are sealed.
        var ledger = new FakeLedger(capacity: 100);
        var answers = new AnswerWriter();
        using var import = new LicenseImport(ledger.SubmitAsync, null!, "bj", null, CancellationToken.None);
        var rows = new RowReader(Imports.BusinessLicences("MA0UNSEALED", 5));

        // Act
        var running = import.RunAsync(rows, answers);
        await Eventually.UntilAsync(() => Task.FromResult(ledger.Submitted), n => n == 5);
        ledger.Fail(3, new NodeException(StatusCode.Unavailable, "BLOCK_NOT_SEALED", "the ledger could not commit the block; nothing of it was written, retry"));
        ledger.Seal(2);
        await running;

        // Assert
        var byRow = answers.Written.ToDictionary(a => a.Row);
        Assert.That(new ulong[] { 1, 2, 3 }.Select(r => byRow[r].Error?.Reason), Is.All.EqualTo("BLOCK_NOT_SEALED"));
        Assert.That(byRow[1].Error.Code, Is.EqualTo("UNAVAILABLE"));
        Assert.That(new ulong[] { 4, 5 }.Select(r => byRow[r].Issued), Is.All.Not.Null);
    }

    [Test]
    public async Task RunAsync_CommandFailsWithABug_CallFailsWithIt()
    {
        // Arrange
        var ledger = new FakeLedger(capacity: 100);
        using var import = new LicenseImport(ledger.SubmitAsync, null!, "bj", null, CancellationToken.None);

        // Act
        var running = import.RunAsync(new RowReader(Imports.BusinessLicences("MA0BUG", 3)), new AnswerWriter());
        await Eventually.UntilAsync(() => Task.FromResult(ledger.Submitted), n => n == 3);
        ledger.Fail(1, new InvalidOperationException("a bug"));

        // Assert: the interceptor makes it INTERNAL with a trace id; the rows are idempotent, so the caller sends them again.
        Assert.That(() => running, Throws.InvalidOperationException.With.Message.EqualTo("a bug"));
    }

    /// <summary>A writer queue of a given capacity whose blocks the test seals or fails.</summary>
    private sealed class FakeLedger(int capacity)
    {
        private readonly Lock _lock = new();
        private readonly Queue<TaskCompletionSource<Sealed<string>>> _queued = new();
        private int _issued;

        public int Submitted { get; private set; }

        public int Refusals { get; private set; }

        public int MostQueued { get; private set; }

        public Task<Sealed<string>> SubmitAsync(IssueLicenseCommand command, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (_queued.Count >= capacity)
                {
                    Refusals++;
                    throw new NodeException(StatusCode.ResourceExhausted, "LEDGER_BUSY", "the ledger is overloaded; retry with backoff");
                }
                Submitted++;
                return Queue().Task.WaitAsync(cancellationToken);
            }
        }

        /// <summary>Commands of other callers, which take room in the queue.</summary>
        public void Occupy(int count)
        {
            lock (_lock)
            {
                for (var i = 0; i < count; i++)
                {
                    Queue();
                }
            }
        }

        public void Seal(int count) => Take(count).ForEach(c => c.SetResult(new Sealed<string>($"BJ-2026-{Interlocked.Increment(ref _issued):D6}", null)));

        public void Fail(int count, Exception error) => Take(count).ForEach(c => c.SetException(error));

        public async Task SealEveryAsync(int count, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Seal(count);
                await Task.Delay(1, CancellationToken.None);
            }
        }

        private TaskCompletionSource<Sealed<string>> Queue()
        {
            var command = new TaskCompletionSource<Sealed<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _queued.Enqueue(command);
            MostQueued = Math.Max(MostQueued, _queued.Count);
            return command;
        }

        private List<TaskCompletionSource<Sealed<string>>> Take(int count)
        {
            lock (_lock)
            {
                var taken = new List<TaskCompletionSource<Sealed<string>>>();
                while (taken.Count < count && _queued.TryDequeue(out var command))
                {
                    taken.Add(command);
                }
                return taken;
            }
        }
    }

    /// <summary>A request stream of the given rows, counting reads.</summary>
    private sealed class RowReader(IEnumerable<ImportLicensesRequest> rows) : IAsyncStreamReader<ImportLicensesRequest>
    {
        private readonly IEnumerator<ImportLicensesRequest> _rows = rows.GetEnumerator();
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public ImportLicensesRequest Current => _rows.Current;

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _reads);
            return Task.FromResult(_rows.MoveNext());
        }
    }

    /// <summary>A response stream that records the answers and whether two writes ever overlapped.</summary>
    private sealed class AnswerWriter : IServerStreamWriter<ImportLicensesResponse>
    {
        private readonly Lock _lock = new();
        private readonly List<ImportLicensesResponse> _written = [];
        private int _writing;

        public WriteOptions? WriteOptions { get; set; }

        public bool Overlapped { get; private set; }

        public List<ImportLicensesResponse> Written
        {
            get
            {
                lock (_lock)
                {
                    return [.. _written];
                }
            }
        }

        public async Task WriteAsync(ImportLicensesResponse message)
        {
            if (Interlocked.Exchange(ref _writing, 1) == 1)
            {
                Overlapped = true;
            }
            await Task.Yield();
            lock (_lock)
            {
                _written.Add(message);
            }
            Volatile.Write(ref _writing, 0);
        }
    }
}
