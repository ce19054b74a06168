namespace DistillPlatform.Contracts.Commands;

/// <summary>
/// Published when a message on a service's command queue was refused before any consumer could act on it: its body is
/// not valid JSON, it has no usable content type, or a required field is missing or null. The message itself is moved
/// to <c>&lt;Queue&gt;_error</c> with the same reason in its <c>MT-Fault-Message</c> header. Meant for whoever sends raw
/// JSON by hand (e.g. from the RabbitMQ management UI) and would otherwise hear nothing back.
/// </summary>
/// <param name="Queue">The queue the message arrived on, e.g. "extract-features".</param>
/// <param name="Service">The service that refused it (its OTEL_SERVICE_NAME).</param>
/// <param name="Reason">What is wrong and what to change, e.g. "ExtractFeatures is missing required field 'corpus'".</param>
/// <param name="ContentType">The content type the message arrived with; null when it had none.</param>
/// <param name="BodyExcerpt">The start of the body as text (at most <see cref="MaxExcerptLength"/> characters), to recognise the message by.</param>
public sealed record CommandRejected(string Queue, string Service, string Reason, string? ContentType, string BodyExcerpt)
{
    public const int MaxExcerptLength = 200;
}
