using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Regional.Node.Errors;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Hosting;

[TestFixture]
public sealed class ErrorMappingTests
{
    private TestNode _node = null!;
    private Probe.ProbeClient _client = null!;

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _node = await TestNode.StartAsync(new TestNodeOptions
        {
            Settings = { ["Node:MaxRequestBytes"] = "4096" },
            Map = app => app.MapGrpcService<ProbeService>(),
        });
        _client = new Probe.ProbeClient(_node.Channel);
    }

    [OneTimeTearDown]
    public async Task StopNode() => await _node.DisposeAsync();

    [Test]
    public void Fail_InvalidArgument_CarriesFieldViolationAndReason()
    {
        // Act
        var error = Assert.Throws<RpcException>(() => _client.Fail(new FailRequest { Failure = "invalid" }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Is.EqualTo("license_id: got '', want 'BJ-...'"));
        Assert.That(error.FieldViolations(), Is.EqualTo(new[] { new FieldViolation("license_id", "got '', want 'BJ-...'") }));
        Assert.That(error.ErrorInfo()!.Reason, Is.EqualTo("INVALID_ARGUMENT"));
        Assert.That(error.ErrorInfo()!.Domain, Is.EqualTo(NodeException.Domain));
    }

    [Test]
    public void Fail_SeveralInvalidFields_CarriesEveryViolation()
    {
        // Act
        var error = Assert.Throws<RpcException>(() => _client.Fail(new FailRequest { Failure = "invalid_many" }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(string.Join(" ", error.FieldViolations().Select(v => v.Field)), Is.EqualTo("license_id fields[2].name"));
        Assert.That(error.Status.Detail, Is.EqualTo("license_id: got '', want 'BJ-...'; fields[2].name: got 'x y', want a name without spaces"));
    }

    [TestCase("not_found", StatusCode.NotFound, "LICENSE_NOT_FOUND")]
    [TestCase("precondition", StatusCode.FailedPrecondition, "TREE_SIZE_MISMATCH")]
    public void Fail_DomainFailure_MapsCodeAndErrorInfo(string failure, StatusCode code, string reason)
    {
        // Act
        var error = Assert.Throws<RpcException>(() => _client.Fail(new FailRequest { Failure = failure }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(code));
        Assert.That(error.ErrorInfo()!.Reason, Is.EqualTo(reason));
        Assert.That(error.FieldViolations(), Is.Empty);
    }

    [Test]
    public void Fail_Precondition_CarriesMetadata()
    {
        // Act
        var error = Assert.Throws<RpcException>(() => _client.Fail(new FailRequest { Failure = "precondition" }));

        // Assert
        Assert.That(error!.ErrorInfo()!.Metadata["size"], Is.EqualTo("5"));
    }

    [Test]
    public void Fail_UnexpectedException_InternalWithoutLeakingButLogged()
    {
        // Act
        var error = Assert.Throws<RpcException>(() => _client.Fail(new FailRequest { Failure = "bug" }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Internal));
        Assert.That(error.Status.Detail, Does.StartWith("internal error").And.Not.Contain("hunter2"));
        Assert.That(error.Trailers.Any(t => !t.IsBinary && t.Value.Contains("hunter2", StringComparison.Ordinal)), Is.False);
        Assert.That(_node.Logs.Lines.Any(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("/regional.test.v1.Probe/Fail", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Echo_RequestOverMaxRequestBytes_ResourceExhausted()
    {
        // Act
        var error = Assert.Throws<RpcException>(() =>
            _client.Echo(new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[8192]) }));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    public void Echo_RequestUnderMaxRequestBytes_Answers()
    {
        // Act
        var response = _client.Echo(new EchoRequest { Payload = Google.Protobuf.ByteString.CopyFrom(new byte[4000]) });

        // Assert
        Assert.That(response.Size, Is.EqualTo(4000));
    }
}
