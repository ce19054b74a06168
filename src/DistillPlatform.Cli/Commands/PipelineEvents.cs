using System.Threading.Channels;
using DistillPlatform.Cli.Connection;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using MassTransit;

namespace DistillPlatform.Cli.Commands;

/// <summary>The events the live view is made of: the pipeline's own and the progress the services publish while they work.</summary>
public static class PipelineEvents
{
    public static Task<HostReceiveEndpointHandle> SubscribeAsync(
        PlatformClient platform, ChannelWriter<object> events, CancellationToken cancellationToken) =>
        platform.SubscribeAsync(endpoint =>
        {
            Forward<PipelineStageChanged>(endpoint, events);
            Forward<PipelineCompleted>(endpoint, events);
            Forward<PipelineFailed>(endpoint, events);
            Forward<PipelineCancelled>(endpoint, events);
            Forward<FeatureExtractionProgress>(endpoint, events);
            Forward<CheckpointPoolProgress>(endpoint, events);
            Forward<DistillationProgress>(endpoint, events);
        }, cancellationToken);

    private static void Forward<T>(IReceiveEndpointConfigurator endpoint, ChannelWriter<object> events) where T : class =>
        endpoint.Handler<T>(context =>
        {
            events.TryWrite(context.Message);
            return Task.CompletedTask;
        });
}
