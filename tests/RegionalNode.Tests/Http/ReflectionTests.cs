using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Http;

/// <summary>What grpcurl does with a node (docs/integrating.md, "gRPC with reflection"), done with the .NET
/// reflection client: list the services, then fetch the file that defines LicenseService and, one by one,
/// every file it imports, google/api/annotations.proto included, so a generic client can build the
/// messages without the protos.</summary>
public class ReflectionTests
{
    [Test]
    public async Task Reflection_LicenseService_ListedAndEveryImportResolvable()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        using var call = new ServerReflection.ServerReflectionClient(node.Channel).ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(30));

        // Act
        var services = (await AskAsync(call, new ServerReflectionRequest { ListServices = "" })).ListServicesResponse.Service.Select(s => s.Name).ToList();
        var files = new Dictionary<string, FileDescriptorProto>(StringComparer.Ordinal);
        var pending = new Queue<ServerReflectionRequest>([new ServerReflectionRequest { FileContainingSymbol = "regional.v1.LicenseService" }]);
        while (pending.TryDequeue(out var request))
        {
            var answer = await AskAsync(call, request);
            Assert.That(answer.ErrorResponse, Is.Null, $"{request}: {answer.ErrorResponse}");
            foreach (var file in answer.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b)))
            {
                if (files.TryAdd(file.Name, file))
                {
                    foreach (var dependency in file.Dependency.Where(d => !files.ContainsKey(d)))
                    {
                        pending.Enqueue(new ServerReflectionRequest { FileByFilename = dependency });
                    }
                }
            }
        }
        await call.RequestStream.CompleteAsync();

        // Assert
        Assert.That(services, Is.SupersetOf(new[] { "regional.v1.LicenseService", "regional.v1.LedgerService", "regional.v1.CatalogService", "regional.v1.ConsentService" }));
        Assert.That(files.Keys, Is.SupersetOf(new[] { "regional/v1/license_service.proto", "google/api/annotations.proto", "google/api/http.proto" }));
        Assert.That(files.Values.SelectMany(f => f.Dependency).Where(d => !files.ContainsKey(d)), Is.Empty);
    }

    private static async Task<ServerReflectionResponse> AskAsync(AsyncDuplexStreamingCall<ServerReflectionRequest, ServerReflectionResponse> call, ServerReflectionRequest request)
    {
        await call.RequestStream.WriteAsync(request);
        Assert.That(await call.ResponseStream.MoveNext(CancellationToken.None), Is.True);
        return call.ResponseStream.Current;
    }
}
