using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Serialization;
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
    /// <summary>
    /// MassTransit's JSON settings (camelCase, names matched ignoring case) plus enums by name ("SpeakerIndependent"),
    /// which people write far more readily than numbers; numbers still work. Only bare JSON is read this way: the
    /// envelope's settings stay MassTransit's own, so what services send each other does not change.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    private readonly SystemTextJsonRawMessageSerializer _serializer = new(RawSerializerOptions.AnyMessageType);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    public ContentType ContentType => SystemTextJsonRawMessageSerializer.JsonContentType;

    /// <summary>Only used if something on the endpoint sends raw JSON; commands' answers go out in the envelope.</summary>
    public IMessageSerializer CreateSerializer() => _serializer;

    public IMessageDeserializer CreateDeserializer() => new CommandDeserializer(_serializer);

    /// <summary>
    /// MassTransit's raw JSON deserializer, except that the body is read with <see cref="JsonOptions"/> and errors name
    /// the problem. (MassTransit 8.4's raw serializer always uses its own settings, so the context it would build is
    /// built here with ours.)
    /// </summary>
    private sealed class CommandDeserializer(SystemTextJsonRawMessageSerializer inner) : IMessageDeserializer
    {
        /// <summary>Converts header values; MassTransit's JSON serializer does that for raw and enveloped messages alike.</summary>
        private static readonly IObjectDeserializer HeaderValues = new SystemTextJsonMessageSerializer();

        public ContentType ContentType => inner.ContentType;

        public void Probe(ProbeContext context) => inner.Probe(context);

        public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
            new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

        public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
        {
            JsonElement message;
            try
            {
                message = JsonSerializer.Deserialize<JsonElement>(body.GetBytes(), JsonOptions);
            }
            catch (JsonException json)
            {
                // No inner exception on purpose: the _error copy's MT-Fault-* headers describe the innermost exception,
                // and this message, quoting the parser, is the one meant for the sender.
                throw new InvalidCommandException(
                    $"The message body is not valid JSON ({json.Message}); publish one JSON object holding the command's fields.");
            }
            var messageContext = new RawMessageContext(headers, destinationAddress, RawSerializerOptions.AnyMessageType);
            return new SystemTextJsonRawSerializerContext(HeaderValues, JsonOptions, ContentType, messageContext,
                headers.GetMessageTypes(), RawSerializerOptions.AnyMessageType, message);
        }

        public MessageBody GetMessageBody(string text) => inner.GetMessageBody(text);
    }
}
