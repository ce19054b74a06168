using System.Net.Mime;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// Lets a command queue accept a bare JSON body (no MassTransit envelope), such as one published by hand from the
/// RabbitMQ management UI: MassTransit's raw JSON deserializer for content type application/json, taking the body as
/// whatever message type the endpoint consumes (there is no envelope naming it). A body that is not valid JSON fails
/// with an <see cref="InvalidCommandException"/> that quotes the parser's complaint and says what to send instead, which
/// is what the <c>MT-Fault-Message</c> header of the <c>_error</c> copy then shows.
/// </summary>
public sealed class RawJsonCommandSerializerFactory : ISerializerFactory
{
    private readonly SystemTextJsonRawMessageSerializer _serializer = new(RawSerializerOptions.AnyMessageType);

    public ContentType ContentType => SystemTextJsonRawMessageSerializer.JsonContentType;

    public IMessageSerializer CreateSerializer() => _serializer;

    public IMessageDeserializer CreateDeserializer() => new ReadableErrors(_serializer);

    /// <summary>The raw JSON deserializer, with errors that name the problem.</summary>
    private sealed class ReadableErrors(SystemTextJsonRawMessageSerializer inner) : IMessageDeserializer
    {
        public ContentType ContentType => inner.ContentType;

        public void Probe(ProbeContext context) => inner.Probe(context);

        public ConsumeContext Deserialize(ReceiveContext receiveContext)
        {
            try
            {
                return inner.Deserialize(receiveContext);
            }
            catch (Exception e) when ((e as JsonException ?? e.InnerException as JsonException) is { } json)
            {
                // No inner exception on purpose: the _error copy's MT-Fault-* headers describe the innermost exception,
                // and this message, quoting the parser, is the one meant for the sender.
                throw new InvalidCommandException(
                    $"The message body is not valid JSON ({json.Message}); publish one JSON object holding the command's fields.");
            }
        }

        public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null) =>
            inner.Deserialize(body, headers, destinationAddress);

        public MessageBody GetMessageBody(string text) => inner.GetMessageBody(text);
    }
}
