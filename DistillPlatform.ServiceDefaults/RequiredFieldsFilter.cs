using System.Text.Json;
using MassTransit;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// Refuses a command whose JSON leaves out a field its record requires (<see cref="RequiredFields"/>), before the
/// consumer sees it: the message faults with an <see cref="InvalidCommandException"/> naming the fields, is not
/// retried, and lands in the <c>_error</c> queue with that reason (and <see cref="CommandRejectionObserver"/> publishes
/// a <c>CommandRejected</c> event).
/// </summary>
public sealed class RequiredFieldsFilter<T> : IFilter<ConsumeContext<T>> where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (CommandMessages.TryGetMessageJson(context.ReceiveContext, out JsonElement json))
        {
            IReadOnlyList<string> missing = RequiredFields.FindMissing(typeof(T), json);
            if (missing.Count > 0)
            {
                throw new InvalidCommandException(
                    $"{typeof(T).Name} is missing required field(s) {string.Join(", ", missing.Select(f => $"'{f}'"))} (absent or null); " +
                    "every field without a default value must be sent (docs/raw-json.md lists each command's fields).");
            }
        }
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("requiredFields");
}
