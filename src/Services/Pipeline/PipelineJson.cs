using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistillPlatform.Services.Pipeline;

/// <summary>How the pipeline service writes JSON it stores (saga snapshots, the request in the report): camelCase, enums as names.</summary>
public static class PipelineJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        // Stored files, never inlined into HTML: keep "+div+sml" readable instead of \u002B escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
