using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regional.Node.Errors;
using Regional.Node.Hosting;
using Regional.Node.Ledger;
using Regional.Node.Configuration;

namespace Regional.Node.Tests.Ledger;

[TestFixture]
public sealed class LedgerWriterQueueTests
{
    [Test]
    public void SubmitAsync_QueueFull_RefusedResourceExhaustedAtOnce()
    {
        // Arrange: a writer that is never started, so nothing drains its queue; filling it needs
        // neither a database nor a log (they are used only by the loop).
        var writer = new LedgerWriter(null!, null!, null!, TimeProvider.System, Options.Create(new NodeOptions()), NullLogger<LedgerWriter>.Instance,
            metrics: null!, guard: null!);
        var queued = Enumerable.Range(0, LedgerWriter.QueueCapacity)
            .Select(_ => writer.SubmitAsync(new NoOp(), CancellationToken.None))
            .ToList();

        // Act
        var error = Assert.Throws<NodeException>(() => writer.SubmitAsync(new NoOp(), CancellationToken.None));

        // Assert
        Assert.That((error!.Code, error.Reason), Is.EqualTo((StatusCode.ResourceExhausted, "LEDGER_BUSY")));
        Assert.That(queued.All(t => !t.IsCompleted), Is.True, "the queued commands still wait for their block");
    }

    private sealed class NoOp : LedgerCommand<int>
    {
        protected override int Run(SealingContext context) => 0;
    }
}
