using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Regional.Node.Tests.Support;

namespace Regional.Node.Tests.Http;

/// <summary>HTTP/1.1 clients of a node's HTTP/JSON face, as a Java or Go system would be one: plain
/// HttpClient, the node's certificate pinned, a client certificate or none.</summary>
internal static class HttpClients
{
    /// <summary>A client of <paramref name="node"/> speaking HTTP/1.1 only, presenting <paramref name="certificate"/>.</summary>
    public static HttpClient For(TestNode node, X509Certificate2? certificate)
    {
        var pinned = node.Certificate!;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, served, _, _) =>
            served is not null && served.GetRawCertData().AsSpan().SequenceEqual(pinned.RawData);
        if (certificate is not null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }
        return new HttpClient(handler)
        {
            BaseAddress = node.Address,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>POSTs <paramref name="json"/> as application/json.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, string contentType = "application/json") =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)));

    /// <summary>The body of a 200 answer as the response message, parsed as the proto3 JSON mapping has it.</summary>
    public static async Task<T> ReadMessageAsync<T>(this HttpResponseMessage response) where T : IMessage<T>, new()
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(false)).Parse<T>(text);
    }

    /// <summary>The body of an error answer: a google.rpc.Status, its ErrorInfo and BadRequest.</summary>
    public static async Task<(Status Status, ErrorInfo? Info, BadRequest? BadRequest)> ReadStatusAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), text);
        var registry = TypeRegistry.FromMessages(ErrorInfo.Descriptor, BadRequest.Descriptor);
        var status = new JsonParser(JsonParser.Settings.Default.WithTypeRegistry(registry)).Parse<Status>(text);
        var info = status.Details.FirstOrDefault(d => d.Is(ErrorInfo.Descriptor))?.Unpack<ErrorInfo>();
        var badRequest = status.Details.FirstOrDefault(d => d.Is(BadRequest.Descriptor))?.Unpack<BadRequest>();
        return (status, info, badRequest);
    }

    /// <summary>A JSON document's top-level property names.</summary>
    public static IReadOnlyList<string> Properties(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}
