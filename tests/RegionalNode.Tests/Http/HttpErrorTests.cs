using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Http;

/// <summary>The gRPC pipeline's error mapping and deadlines over HTTP/JSON, on a node serving the test-only
/// Probe service (its Fail and Wait calls have HTTP routes): the same google.rpc.Status as over gRPC, no
/// exception text, and a grpc-timeout header that ends a slow call with 504.</summary>
public class HttpErrorTests
{
    private TestNode _node = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync(new TestNodeOptions { Map = app => app.MapGrpcService<ProbeService>() });
        _client = HttpClients.For(_node, null);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _node.DisposeAsync();
    }

    [Test]
    public async Task Fail_Precondition_400WithTheErrorInfoAndItsMetadata()
    {
        // Act
        using var response = await _client.PostJsonAsync("/test/v1/probe:fail", """{"failure": "precondition"}""");

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var (status, info, _) = await response.ReadStatusAsync();
        Assert.That((StatusCode)status.Code, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That((info!.Reason, info.Domain, info.Metadata["size"]), Is.EqualTo(("TREE_SIZE_MISMATCH", "regional.v1", "5")));
    }

    [Test]
    public async Task Fail_TwoBadFields_BothFieldViolations()
    {
        // Act
        using var response = await _client.PostJsonAsync("/test/v1/probe:fail", """{"failure": "invalid_many"}""");

        // Assert
        var (_, _, badRequest) = await response.ReadStatusAsync();
        Assert.That(badRequest!.FieldViolations.Select(v => v.Field), Is.EqualTo(new[] { "license_id", "fields[2].name" }));
    }

    [Test]
    public async Task Fail_Bug_500WithATraceIdAndNoExceptionText()
    {
        // Act
        using var response = await _client.PostJsonAsync("/test/v1/probe:fail", """{"failure": "bug"}""");
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(body, Does.Contain("trace id"));
        Assert.That(body, Does.Not.Contain("hunter2"));
    }

    [Test]
    public async Task Wait_LongerThanTheGrpcTimeout_504DeadlineExceededAtTheDeadline()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/test/v1/probe:wait")
        {
            Content = new StringContent("""{"milliseconds": 20000}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("grpc-timeout", "300m");
        var started = System.Diagnostics.Stopwatch.StartNew();

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        var (status, _, _) = await response.ReadStatusAsync();
        Assert.That((StatusCode)status.Code, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "answered at the deadline, not after the wait");
    }

    [Test]
    public async Task Wait_WithinTheGrpcTimeout_Answered()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/test/v1/probe:wait")
        {
            Content = new StringContent("""{"milliseconds": 10}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("grpc-timeout", "10S");

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
