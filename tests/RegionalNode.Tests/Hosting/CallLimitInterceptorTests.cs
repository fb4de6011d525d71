using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Regional.Node.Errors;
using Regional.Node.Hosting;
using Regional.Node.Tests.Support;
using Regional.Node.Configuration;

namespace Regional.Node.Tests.Hosting;

[TestFixture]
public sealed class CallLimitInterceptorTests
{
    private const string Verify = "/regional.v1.LicenseService/VerifyLicense";

    [Test]
    public async Task UnaryServerHandler_LimitReached_RefusedResourceExhaustedWithoutRunning()
    {
        // Arrange: one slot, taken by a read that waits on a gate.
        var limiter = Limiter(1);
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = limiter.UnaryServerHandler<string, string>("first", Context(Verify), (_, _) => gate.Task);
        var ran = false;

        // Act
        var error = Assert.ThrowsAsync<NodeException>(() => limiter.UnaryServerHandler<string, string>("second", Context(Verify),
            (_, _) => { ran = true; return Task.FromResult("answered"); }));

        // Assert
        Assert.That((error!.Code, error.Reason, ran, limiter.InFlight), Is.EqualTo((StatusCode.ResourceExhausted, "NODE_BUSY", false, 1)));
        gate.SetResult("done");
        Assert.That(await blocked, Is.EqualTo("done"));
    }

    [Test]
    public async Task UnaryServerHandler_SlotFreed_NextCallServed()
    {
        // Arrange: a call that ran and one that failed both give their slot back.
        var limiter = Limiter(1);
        await limiter.UnaryServerHandler<string, string>("first", Context(Verify), (_, _) => Task.FromResult("ok"));
        Assert.ThrowsAsync<InvalidOperationException>(() => limiter.UnaryServerHandler<string, string>("bug", Context(Verify),
            (_, _) => throw new InvalidOperationException("bug")));

        // Act
        var answer = await limiter.UnaryServerHandler<string, string>("third", Context(Verify), (_, _) => Task.FromResult("served"));

        // Assert
        Assert.That((answer, limiter.InFlight), Is.EqualTo(("served", 0)));
    }

    [TestCase("/regional.v1.LicenseService/IssueLicense")]
    [TestCase("/regional.v1.LicenseService/ChangeLicenseStatus")]
    [TestCase("/grpc.health.v1.Health/Check")]
    public async Task UnaryServerHandler_WriteOrHostCallWhileFull_NotCounted(string method)
    {
        // Arrange
        var limiter = Limiter(1);
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = limiter.UnaryServerHandler<string, string>("read", Context(Verify), (_, _) => gate.Task);

        // Act
        var answer = await limiter.UnaryServerHandler<string, string>("call", Context(method), (_, _) => Task.FromResult("served"));

        // Assert
        Assert.That(answer, Is.EqualTo("served"));
        gate.SetResult("done");
        await blocked;
    }

    [Test]
    public void AddNodeGrpc_Registered_OneSharedLimiterInTheInterceptors()
    {
        // Arrange
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<NodeOptions>();

        // Act
        services.AddNodeGrpc();
        using var provider = services.BuildServiceProvider();

        // Assert
        var interceptors = provider.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.Interceptors;
        Assert.That(interceptors.Select(i => i.Type), Does.Contain(typeof(CallLimitInterceptor)));
        var first = provider.GetRequiredService<CallLimitInterceptor>();
        Assert.That(provider.GetRequiredService<CallLimitInterceptor>(), Is.SameAs(first));
    }

    [Test]
    public void UnaryServerHandler_MoreWorkWaitingForAThreadThanTheLimit_Refused()
    {
        // Arrange: nothing in flight, but a flood waits for threads.
        var limiter = new CallLimitInterceptor(Options.Create(new NodeOptions { MaxConcurrentCalls = 8 }), () => 9);

        // Act
        var error = Assert.ThrowsAsync<NodeException>(() => limiter.UnaryServerHandler<string, string>("read", Context(Verify),
            (_, _) => Task.FromResult("answered")));

        // Assert
        Assert.That((error!.Code, limiter.InFlight), Is.EqualTo((StatusCode.ResourceExhausted, 0)));
    }

    [Test]
    public async Task DuplexStreamingServerHandler_ImportsAtTheLimit_NextRefusedNodeBusyAndReadsStillServed()
    {
        // Arrange: one import slot, taken by an import that waits on a gate; reads have a slot of their own.
        var limiter = new CallLimitInterceptor(Options.Create(new NodeOptions { MaxConcurrentImports = 1, MaxConcurrentCalls = 1 }), () => 0);
        const string import = "/regional.v1.LicenseService/ImportLicenses";
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = limiter.DuplexStreamingServerHandler<string, string>(null!, null!, Context(import), (_, _, _) => gate.Task);
        var ran = false;

        // Act
        var error = Assert.ThrowsAsync<NodeException>(() => limiter.DuplexStreamingServerHandler<string, string>(null!, null!, Context(import),
            (_, _, _) => { ran = true; return Task.CompletedTask; }));
        var read = await limiter.UnaryServerHandler<string, string>("read", Context(Verify), (_, _) => Task.FromResult("served"));
        gate.SetResult();
        await first;

        // Assert
        Assert.That((error!.Code, error.Reason, ran), Is.EqualTo((StatusCode.ResourceExhausted, "NODE_BUSY", false)));
        Assert.That(error.Message, Does.Contain("Node:MaxConcurrentImports"));
        Assert.That((read, limiter.Imports), Is.EqualTo(("served", 0)));
    }

    private static CallLimitInterceptor Limiter(int limit) => new(Options.Create(new NodeOptions { MaxConcurrentCalls = limit }), () => 0);

    private static FakeServerCallContext Context(string method) => new(method, CancellationToken.None);
}
