using System.IO.Compression;
using DistillPlatform.Dashboard.Otlp;
using DistillPlatform.Dashboard.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillPlatform.Dashboard.Web;

/// <summary>
/// OTLP/HTTP with binary protobuf bodies (what OpenTelemetry .NET sends in HttpProtobuf mode) on the standard paths.
/// A successful export is answered with 200 and an empty Export*ServiceResponse (zero bytes of protobuf).
/// </summary>
public static class OtlpReceiver
{
    public const string ProtobufContentType = "application/x-protobuf";

    public static void MapOtlp(this IEndpointRouteBuilder endpoints, TelemetryStore store)
    {
        endpoints.MapPost("/v1/traces", context => ReceiveAsync(context, body => store.AddSpans(OtlpTraceDecoder.Decode(body))));
        endpoints.MapPost("/v1/logs", context => ReceiveAsync(context, body => store.AddLogs(OtlpLogDecoder.Decode(body))));
        endpoints.MapPost("/v1/metrics", context => ReceiveAsync(context, body => store.AddMetrics(OtlpMetricDecoder.Decode(body))));
    }

    private static async Task ReceiveAsync(HttpContext context, Action<byte[]> decodeAndStore)
    {
        var request = context.Request;
        if (request.ContentType?.Split(';')[0].Trim() is not ProtobufContentType)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.Response.WriteAsync(
                $"Only OTLP/HTTP protobuf ({ProtobufContentType}) is accepted; set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf.\n");
            return;
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            var source = request.Headers.ContentEncoding.ToString() == "gzip"
                ? new GZipStream(request.Body, CompressionMode.Decompress)
                : request.Body;
            await source.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }

        try
        {
            decodeAndStore(body);
        }
        catch (OtlpFormatException error)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(error.Message + "\n");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ProtobufContentType;
    }
}
