namespace DistillPlatform.Cli.Messages;

/// <summary>A JSON message does not match its contract record; the message says which field and what the record expects.</summary>
public sealed class MessageValidationException(string message, Exception? inner = null) : Exception(message, inner);
