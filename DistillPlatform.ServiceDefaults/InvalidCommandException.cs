using DistillPlatform.Contracts.Commands;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// A message on a command queue that no consumer can act on: its body is not JSON, or a field the command requires is
/// missing or null. Raised before the consumer runs; the message goes to the <c>_error</c> queue with this reason.
/// </summary>
public sealed class InvalidCommandException(string message, Exception? innerException = null)
    : InvalidRequestException(message, innerException);
