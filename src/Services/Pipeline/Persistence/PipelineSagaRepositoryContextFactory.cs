using MassTransit;
using MassTransit.Saga;

namespace DistillPlatform.Services.Pipeline.Persistence;

/// <summary>
/// MassTransit's extension point for a saga repository: wraps each consumed message in a repository context over
/// <see cref="PipelineSagaStore"/>, inside one store transaction from loading the instance to saving it.
/// </summary>
public sealed class PipelineSagaRepositoryContextFactory(
    PipelineSagaStore store,
    ISagaConsumeContextFactory<PipelineSagaStore, PipelineState> consumeContextFactory)
    : ISagaRepositoryContextFactory<PipelineState>
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<PipelineState, T>> next) where T : class
    {
        using var transaction = await store.BeginTransactionAsync(context.CancellationToken);
        var repositoryContext = new PipelineSagaRepositoryContext<T>(context, store, consumeContextFactory);
        await next.Send(repositoryContext);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<PipelineState> query,
        IPipe<SagaRepositoryQueryContext<PipelineState, T>> next) where T : class
    {
        using var transaction = await store.BeginTransactionAsync(context.CancellationToken);
        var repositoryContext = new PipelineSagaRepositoryContext<T>(context, store, consumeContextFactory);
        var matches = store.Find(query);
        await next.Send(new DefaultSagaRepositoryQueryContext<PipelineState, T>(repositoryContext, matches.ToList()));
    }

    public void Probe(ProbeContext context)
    {
        context.CreateScope("sagaRepository").Add("persistence", "object store snapshots");
    }
}
