using System.Text;
using System.Text.Json;
using MassTransit;

namespace DistillPlatform.ServiceDefaults;

/// <summary>How a received command's body is read back for checks and error reports.</summary>
public static class CommandMessages
{
    /// <summary>Content type of MassTransit's envelope (what services and the CLI send).</summary>
    public const string EnvelopeMediaType = "application/vnd.masstransit+json";

    /// <summary>Content type of a bare JSON command (what a person publishes from the management UI).</summary>
    public const string RawJsonMediaType = "application/json";

    /// <summary>
    /// The JSON of the message itself: the whole body of a raw JSON message (content type application/json or none),
    /// the "message" property of a MassTransit envelope. False for other serializers or a body that is not JSON.
    /// </summary>
    public static bool TryGetMessageJson(ReceiveContext context, out JsonElement message)
    {
        message = default;
        string? mediaType = context.ContentType?.MediaType;
        bool isEnvelope = string.Equals(mediaType, EnvelopeMediaType, StringComparison.OrdinalIgnoreCase);
        if (!isEnvelope && mediaType is not null && !string.Equals(mediaType, RawJsonMediaType, StringComparison.OrdinalIgnoreCase))
            return false;
        try
        {
            using JsonDocument document = JsonDocument.Parse(context.Body.GetBytes());
            JsonElement root = document.RootElement;
            if (!isEnvelope)
            {
                message = root.Clone();
                return true;
            }
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out JsonElement inner))
            {
                message = inner.Clone();
                return true;
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The start of the body as text, for a person to recognise the message by.</summary>
    public static string Excerpt(ReceiveContext context, int maxLength)
    {
        byte[] body = context.Body.GetBytes();
        string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, maxLength * 4));
        return text.Length <= maxLength ? text : text[..maxLength] + "…";
    }

    /// <summary>The queue name of a receive endpoint address, e.g. "extract-features" for rabbitmq://host/vhost/extract-features.</summary>
    public static string QueueOf(Uri inputAddress) =>
        inputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? inputAddress.ToString();
}
