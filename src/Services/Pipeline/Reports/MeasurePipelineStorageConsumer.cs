using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Services.Pipeline.Messages;
using MassTransit;

namespace DistillPlatform.Services.Pipeline.Reports;

/// <summary>
/// Measures what the storage-footprint section compares: the bytes of the stored real feature set (every object under
/// <c>features/&lt;id&gt;/</c>) and of the corpus audio (every file of the corpus except its CSV manifest, in the
/// object store or in a local folder). A local corpus folder the pipeline host cannot read is reported as unknown
/// (null) rather than failing the pipeline: the footprint is then left out of the reports.
/// </summary>
public sealed class MeasurePipelineStorageConsumer(IArtifactStore store, ILogger<MeasurePipelineStorageConsumer> logger)
    : IConsumer<MeasurePipelineStorage>
{
    public async Task Consume(ConsumeContext<MeasurePipelineStorage> context)
    {
        var message = context.Message;
        long featureBytes = await SumStoredBytesAsync($"{FeatureSetLayout.StoragePrefix}/{message.FeatureSetId}/", manifestName: null, context.CancellationToken);
        if (featureBytes <= 0)
            throw new InvalidOperationException($"Feature set '{message.FeatureSetId}' has no stored bytes under {FeatureSetLayout.StoragePrefix}/{message.FeatureSetId}/.");
        long? audioBytes = await SourceAudioBytesAsync(message.Corpus, context.CancellationToken);
        logger.LogInformation("Pipeline {PipelineId}: real features {FeatureBytes} bytes, source audio {AudioBytes} bytes",
            message.PipelineId, featureBytes, audioBytes);
        await context.Publish(new PipelineStorageMeasured(message.PipelineId, audioBytes, featureBytes), context.CancellationToken);
    }

    private async Task<long?> SourceAudioBytesAsync(CorpusLocation corpus, CancellationToken cancellationToken)
    {
        if (corpus.ObjectStorePrefix is { } prefix)
        {
            long bytes = await SumStoredBytesAsync(prefix.EndsWith('/') ? prefix : prefix + "/", corpus.ManifestName, cancellationToken);
            return bytes > 0 ? bytes : null;
        }
        if (corpus.LocalFolder is not { } folder || !Directory.Exists(folder))
        {
            logger.LogWarning("Corpus folder {Folder} is not readable from the pipeline host; the storage footprint is left out", corpus.LocalFolder);
            return null;
        }
        string manifest = Path.GetFullPath(Path.Combine(folder, corpus.ManifestName));
        long total = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => Path.GetFullPath(file) != manifest)
            .Sum(file => new FileInfo(file).Length);
        return total > 0 ? total : null;
    }

    private async Task<long> SumStoredBytesAsync(string prefix, string? manifestName, CancellationToken cancellationToken)
    {
        long total = 0;
        await foreach (var stored in store.ListAsync(prefix, cancellationToken))
        {
            if (manifestName is null || stored.Key != prefix + manifestName)
                total += stored.SizeBytes;
        }
        return total;
    }
}
