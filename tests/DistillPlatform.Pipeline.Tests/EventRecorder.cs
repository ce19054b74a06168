using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Pipeline;
using MassTransit;

namespace DistillPlatform.Pipeline.Tests;

/// <summary>Subscribes to what the pipeline publishes, as a client (the CLI) would, and logs it.</summary>
public sealed class EventRecorder(FakeServiceBehaviour behaviour) :
    IConsumer<PipelineStageChanged>, IConsumer<PipelineCompleted>, IConsumer<PipelineFailed>, IConsumer<PipelineCancelled>,
    IConsumer<CancelDistillation>
{
    public Task Consume(ConsumeContext<PipelineStageChanged> context) => Record(context.Message);

    public Task Consume(ConsumeContext<PipelineCompleted> context) => Record(context.Message);

    public Task Consume(ConsumeContext<PipelineFailed> context) => Record(context.Message);

    public Task Consume(ConsumeContext<PipelineCancelled> context) => Record(context.Message);

    public Task Consume(ConsumeContext<CancelDistillation> context) => Record(context.Message);

    private Task Record(object message)
    {
        behaviour.Events.Add(message);
        return Task.CompletedTask;
    }
}
