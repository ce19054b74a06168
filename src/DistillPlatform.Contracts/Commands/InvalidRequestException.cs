namespace DistillPlatform.Contracts.Commands;

/// <summary>
/// A command that can never succeed as sent: the request itself is at fault (a missing or contradictory field, an id
/// that names nothing stored, input data that fails validation), so trying it again unchanged gives the same failure.
/// Services retry a failing message a few times in case the cause was passing (a broker or object store hiccup); an
/// exception of this type, or of a type derived from it, skips those retries and moves the message straight to the
/// queue's <c>_error</c> queue. Its <see cref="Exception.Message"/> tells the sender what to change.
/// </summary>
/// <remarks>
/// It lives with the contracts, not with the service host, because it is part of what a command promises its sender
/// ("bad input is refused at once, with a reason") and because libraries that validate requests can derive from it
/// without depending on the messaging stack.
/// </remarks>
public class InvalidRequestException : Exception
{
    public InvalidRequestException(string message) : base(message)
    {
    }

    public InvalidRequestException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
