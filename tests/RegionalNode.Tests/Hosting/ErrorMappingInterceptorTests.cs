using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Regional.Node.Errors;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Hosting;

[TestFixture]
public sealed class ErrorMappingInterceptorTests
{
    private readonly ErrorMappingInterceptor _interceptor = new(NullLogger<ErrorMappingInterceptor>.Instance);

    [Test]
    public async Task UnaryServerHandler_CancelledCallThrowsOperationCanceled_Cancelled()
    {
        // Arrange
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var context = new FakeServerCallContext("/test/Wait", cancellation.Token);

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", context, (_, c) => Task.FromCanceled<string>(c.CancellationToken)));

        // Assert
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Cancelled));
    }

    [Test]
    public void UnaryServerHandler_RpcException_PassesThroughUnchanged()
    {
        // Arrange
        var context = new FakeServerCallContext("/test/Pass", CancellationToken.None);
        var thrown = new RpcException(new Status(StatusCode.Aborted, "retry"));

        // Act
        var error = Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", context, (_, _) => throw thrown));

        // Assert
        Assert.That(error, Is.SameAs(thrown));
    }

    [TestCase(StatusCode.AlreadyExists, "LICENSE_EXISTS")]
    [TestCase(StatusCode.PermissionDenied, "NOT_THE_ISSUER")]
    [TestCase(StatusCode.Unavailable, "PEER_UNREACHABLE")]
    public void ToStatus_NodeException_KeepsCodeMessageAndReason(StatusCode code, string reason)
    {
        // Arrange
        var exception = code switch
        {
            StatusCode.AlreadyExists => NodeException.AlreadyExists(reason, "license BJ-1: already issued"),
            StatusCode.PermissionDenied => NodeException.PermissionDenied(reason, "license BJ-1: issued by bj, not tj"),
            _ => NodeException.Unavailable(reason, "peer tj: unreachable"),
        };

        // Act
        var status = ErrorMappingInterceptor.ToStatus(exception);

        // Assert
        Assert.That(status.Code, Is.EqualTo((int)code));
        Assert.That(status.Message, Is.EqualTo(exception.Message));
        Assert.That(status.GetDetail<Google.Rpc.ErrorInfo>().Reason, Is.EqualTo(reason));
        Assert.That(status.GetDetail<Google.Rpc.BadRequest>(), Is.Null);
    }

    [Test]
    public void InvalidArguments_NoViolation_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentException>(() => NodeException.InvalidArguments([]));
    }

    [Test]
    public void FieldViolations_TwoFailedRequirements_ThrowsWithBoth()
    {
        // Arrange
        var violations = new FieldViolations();
        violations.Require(true, "region", "bj", "one of bj, tj, he");
        violations.Require(false, "license_id", "", "'BJ-...'");
        violations.Require(false, "valid_until", "2020-01-01", "a date after valid_from");

        // Act
        var error = Assert.Throws<NodeException>(violations.ThrowIfAny);

        // Assert
        Assert.That(error!.Code, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Violations, Has.Count.EqualTo(2));
        Assert.That(error.Message, Does.StartWith("license_id: got '', want 'BJ-...'; valid_until: got '2020-01-01'"));
    }
}
