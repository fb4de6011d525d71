using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.OpenApi.Models;

namespace Regional.Node.Http;

/// <summary>
/// The HTTP/JSON face (docs/integrating.md): gRPC-JSON transcoding of the routes the protos annotate with
/// <c>google.api.http</c>, and the OpenAPI document generated from the same protos and their comments, at
/// <see cref="OpenApiPath"/>. Served on the node's TLS port beside gRPC (HTTP/1.1 or HTTP/2 by ALPN).
/// </summary>
internal static class HttpJsonExtensions
{
    /// <summary>Where the OpenAPI document is served; docs/openapi.json is the checked-in copy.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The document's title and version: the contract's package.</summary>
    public const string OpenApiVersion = "v1";

    /// <summary>JSON as the proto3 JSON mapping writes it, so a downloaded licence over HTTP is the same
    /// file `regional license download` writes: default values left out, 64-bit integers as strings,
    /// enums by name; google.rpc.Status details with their ErrorInfo and BadRequest.</summary>
    public static IGrpcServerBuilder AddNodeHttpJson(this IGrpcServerBuilder grpc)
    {
        grpc.AddJsonTranscoding(transcoding =>
        {
            transcoding.JsonSettings = new GrpcJsonSettings { IgnoreDefaultValues = true, WriteInt64sAsStrings = true };
            transcoding.TypeRegistry = TypeRegistry.FromMessages(ErrorInfo.Descriptor, BadRequest.Descriptor);
        });
        grpc.Services.AddGrpcSwagger();
        grpc.Services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc(OpenApiVersion, new OpenApiInfo
            {
                Title = "Regional licence-sharing node (regional.v1)",
                Version = OpenApiVersion,
                Description = "The HTTP/JSON face of a regional node: the same calls as its gRPC services, with mutual TLS. "
                    + "Errors are google.rpc.Status JSON with an ErrorInfo (domain regional.v1) whose reasons are listed in docs/errors.md; "
                    + "see docs/integrating.md.",
            });
            // 64-bit integers travel as JSON strings (WriteInt64sAsStrings, as the proto3 JSON mapping has it):
            // say so, or a Go client generated from the document fails to parse "42" into an int64.
            swagger.MapType<long>(() => new OpenApiSchema { Type = "string", Format = "int64" });
            swagger.MapType<ulong>(() => new OpenApiSchema { Type = "string", Format = "uint64" });
            swagger.DocumentFilter<PlainLineBreaks>();
            var comments = Path.Combine(AppContext.BaseDirectory, "Regional.LicenseVerifier.xml");
            if (File.Exists(comments))
            {
                swagger.IncludeXmlComments(comments);
                swagger.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
        });
        return grpc;
    }

    /// <summary>The gate before the transcoder (size, deadline, body shape), and the OpenAPI document.</summary>
    public static WebApplication UseNodeHttpJson(this WebApplication app)
    {
        app.UseMiddleware<JsonRequestGate>();
        app.UseSwagger(swagger => swagger.RouteTemplate = "openapi/{documentName}.json");
        return app;
    }

    /// <summary>The proto comments reach the document through XML documentation with Windows line breaks; the
    /// document says them as the protos do, with "\n".</summary>
    private sealed class PlainLineBreaks : Swashbuckle.AspNetCore.SwaggerGen.IDocumentFilter
    {
        public void Apply(OpenApiDocument document, Swashbuckle.AspNetCore.SwaggerGen.DocumentFilterContext context)
        {
            foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations.Values))
            {
                operation.Summary = Plain(operation.Summary);
                operation.Description = Plain(operation.Description);
                foreach (var parameter in operation.Parameters)
                {
                    parameter.Description = Plain(parameter.Description);
                }
            }
            foreach (var schema in document.Components.Schemas.Values)
            {
                schema.Description = Plain(schema.Description);
                foreach (var property in schema.Properties.Values)
                {
                    property.Description = Plain(property.Description);
                }
            }
        }

        private static string? Plain(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
