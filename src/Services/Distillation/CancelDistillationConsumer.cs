using DistillPlatform.Contracts.Distillation;
using MassTransit;

namespace DistillPlatform.Services.Distillation;

/// <summary>
/// Handles the published <see cref="CancelDistillation"/> on this instance's own temporary queue (every instance gets
/// its own copy, since any of them may run the job) by cancelling the matching job if it runs here.
/// </summary>
public sealed class CancelDistillationConsumer(RunningDistillations running, ILogger<CancelDistillationConsumer> logger) : IConsumer<CancelDistillation>
{
    public Task Consume(ConsumeContext<CancelDistillation> context)
    {
        bool runsHere = running.Cancel(context.Message.RequestId, context.Message.Reason);
        logger.LogInformation("Cancel request {RequestId} ({Reason}): {Outcome}", context.Message.RequestId, context.Message.Reason ?? "no reason given",
            runsHere ? "stopping the job after its current step" : "not running here; remembered in case it starts here");
        return Task.CompletedTask;
    }
}
