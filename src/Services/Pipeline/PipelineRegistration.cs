using DistillPlatform.Services.Pipeline.Persistence;
using DistillPlatform.Services.Pipeline.Reports;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace DistillPlatform.Services.Pipeline;

/// <summary>Registers the pipeline saga, its repository and the service's own consumers (used by Program.cs and the tests).</summary>
public static class PipelineRegistration
{
    /// <summary>The saga and the internal consumers, on their queues.</summary>
    public static IBusRegistrationConfigurator AddPipeline(this IBusRegistrationConfigurator bus)
    {
        bus.AddSagaStateMachine<PipelineStateMachine, PipelineState>()
            .Endpoint(endpoint =>
            {
                endpoint.Name = PipelineEndpoints.Saga;
                // One message at a time: the saga's transactions are serialised anyway (PipelineSagaStore), and
                // prefetching more would only hold messages another host could take.
                endpoint.ConcurrentMessageLimit = 1;
            })
            .Repository(repository => repository.RegisterSagaRepository<PipelineState, PipelineSagaStore,
                SagaConsumeContextFactory<PipelineSagaStore, PipelineState>, PipelineSagaRepositoryContextFactory>());
        bus.AddConsumer<MeasurePipelineStorageConsumer>().Endpoint(endpoint => endpoint.Name = PipelineEndpoints.MeasureStorage);
        bus.AddConsumer<CompilePipelineReportConsumer>().Endpoint(endpoint => endpoint.Name = PipelineEndpoints.CompileReport);
        return bus;
    }

    /// <summary>What the saga and its consumers need besides the artifact store.</summary>
    public static IServiceCollection AddPipelineServices(this IServiceCollection services)
    {
        services.AddSingleton<PipelineSnapshotStore>();
        services.AddSingleton<PipelineSagaStore>();
        services.AddSingleton<PipelineConductor>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
