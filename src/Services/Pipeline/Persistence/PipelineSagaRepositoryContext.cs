using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace DistillPlatform.Services.Pipeline.Persistence;

/// <summary>
/// One message's view of the pipeline saga repository: loads instances from <see cref="PipelineSagaStore"/> and
/// stores them back. New instances are stored by the <see cref="Save"/> after the state machine ran, never before.
/// </summary>
public sealed class PipelineSagaRepositoryContext<TMessage>(
    ConsumeContext<TMessage> context,
    PipelineSagaStore store,
    ISagaConsumeContextFactory<PipelineSagaStore, PipelineState> consumeContextFactory)
    : ConsumeContextScope<TMessage>(context), SagaRepositoryContext<PipelineState, TMessage>
    where TMessage : class
{
    public Task<SagaConsumeContext<PipelineState, TMessage>> Add(PipelineState instance) =>
        consumeContextFactory.CreateSagaConsumeContext(store, this, instance, SagaConsumeContextMode.Add);

    /// <summary>
    /// Same as <see cref="Add"/>, except that an existing pipeline is a duplicate (null): transactions are serialised,
    /// so nothing can insert the same pipeline between this check and the save.
    /// </summary>
    public Task<SagaConsumeContext<PipelineState, TMessage>> Insert(PipelineState instance) =>
        store.Load(instance.CorrelationId) is null
            ? consumeContextFactory.CreateSagaConsumeContext(store, this, instance, SagaConsumeContextMode.Insert)
            : Task.FromResult<SagaConsumeContext<PipelineState, TMessage>>(null!);

    public Task<SagaConsumeContext<PipelineState, TMessage>> Load(Guid correlationId) =>
        store.Load(correlationId) is { } instance
            ? consumeContextFactory.CreateSagaConsumeContext(store, this, instance, SagaConsumeContextMode.Load)
            : Task.FromResult<SagaConsumeContext<PipelineState, TMessage>>(null!);

    public Task Save(SagaConsumeContext<PipelineState> sagaContext) => store.SaveAsync(sagaContext.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<PipelineState> sagaContext) => store.SaveAsync(sagaContext.Saga, CancellationToken);

    /// <summary>
    /// Refused: pipelines are never finalised, because their state keeps answering GetPipelineStatus after they end,
    /// and the write-once object store cannot delete a stored snapshot.
    /// </summary>
    public Task Delete(SagaConsumeContext<PipelineState> sagaContext) =>
        throw new InvalidOperationException(
            $"Pipeline {sagaContext.Saga.CorrelationId} cannot be deleted: pipeline states stay stored for status queries.");

    /// <summary>Nothing to do: an added instance is stored only by <see cref="Save"/>.</summary>
    public Task Discard(SagaConsumeContext<PipelineState> sagaContext) => Task.CompletedTask;

    /// <summary>Nothing to do: an inserted instance is stored only by <see cref="Save"/>/<see cref="Update"/>.</summary>
    public Task Undo(SagaConsumeContext<PipelineState> sagaContext) => Task.CompletedTask;

    public Task<SagaConsumeContext<PipelineState, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, PipelineState instance,
        SagaConsumeContextMode mode) where T : class =>
        consumeContextFactory.CreateSagaConsumeContext(store, consumeContext, instance, mode);
}
