using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.Extraction;
using System.Threading.Channels;
using MassTransit;

namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>
/// Handles <see cref="ExtractFeatures"/>: fetch and validate the corpus, work out the feature set id, answer from the
/// object store when the set is already there, otherwise extract into a temporary folder, upload it (manifest last)
/// and publish <see cref="FeaturesExtracted"/>. A request that cannot succeed as sent publishes
/// <see cref="FeatureExtractionFailed"/> and faults with the same reason.
/// </summary>
public sealed class ExtractFeaturesConsumer(
    FeatureExtractor extractor,
    CorpusFetcher corpusFetcher,
    StoredFeatureSets featureSets,
    ILogger<ExtractFeaturesConsumer> logger) : IConsumer<ExtractFeatures>
{
    /// <summary>Progress is published at every tenth of the utterances.</summary>
    private const int ProgressSteps = 10;

    public async Task Consume(ConsumeContext<ExtractFeatures> context)
    {
        ExtractFeatures message = context.Message;
        CancellationToken cancellationToken = context.CancellationToken;
        using FetchedCorpus corpus = await FailRequestOnBadInput(context, () => corpusFetcher.FetchAsync(message.Corpus, cancellationToken));
        FeatureExtractionPlan plan = await FailRequestOnBadInput(context, () =>
            extractor.PlanAsync(ExtractionRequestMapper.ToRequest(message, corpus.ManifestPath), cancellationToken));

        ArtifactRef? stored = await featureSets.FindAsync(plan.FeatureSetId, cancellationToken);
        if (stored is not null)
        {
            logger.LogInformation("Request {RequestId}: feature set {FeatureSetId} is already stored at {Uri}", message.RequestId, plan.FeatureSetId, stored.Uri);
            await context.Publish(Extracted(message, plan, stored, fromCache: true), cancellationToken);
            return;
        }

        logger.LogInformation("Request {RequestId}: extracting feature set {FeatureSetId} from {Utterances} utterances",
            message.RequestId, plan.FeatureSetId, plan.Corpus.Utterances.Count);
        string workFolder = Directory.CreateTempSubdirectory("distill-features-").FullName;
        try
        {
            var progress = new ProgressMilestones(ProgressSteps);
            Task publishing = PublishProgressAsync(context, plan.FeatureSetId, progress.Reader);
            FeatureExtractionResult result;
            try
            {
                result = await extractor.ExtractAsync(plan, Path.Combine(workFolder, plan.FeatureSetId), progress, cancellationToken);
            }
            finally
            {
                progress.Complete();
                await publishing;
            }
            ArtifactRef manifest = await featureSets.UploadAsync(result.Directory, result.Manifest, cancellationToken);
            logger.LogInformation("Request {RequestId}: feature set {FeatureSetId} stored at {Uri}", message.RequestId, plan.FeatureSetId, manifest.Uri);
            await context.Publish(Extracted(message, plan, manifest, fromCache: false), cancellationToken);
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }

    /// <summary>
    /// Runs one step that checks the request; if the request itself is at fault, tells the requester with
    /// <see cref="FeatureExtractionFailed"/> and faults the message with the same reason as an
    /// <see cref="InvalidExtractionRequestException"/> (wrapping the library's exception), which is not retried.
    /// </summary>
    private static async Task<T> FailRequestOnBadInput<T>(ConsumeContext<ExtractFeatures> context, Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (e is InvalidExtractionRequestException or CorpusValidationException or CorpusManifestFormatException
                                      or ArgumentException or FileNotFoundException)
        {
            IReadOnlyList<string> problems = e is CorpusValidationException validation
                ? validation.Report.Problems.Select(p => p.ToString()).ToArray()
                : [];
            await context.Publish(new FeatureExtractionFailed(context.Message.RequestId, e.Message, problems), context.CancellationToken);
            throw e as InvalidExtractionRequestException ?? new InvalidExtractionRequestException(e.Message, e);
        }
    }

    private static async Task PublishProgressAsync(
        ConsumeContext<ExtractFeatures> context, string featureSetId, ChannelReader<ExtractionProgress> milestones)
    {
        await foreach (ExtractionProgress milestone in milestones.ReadAllAsync(CancellationToken.None))
        {
            await context.Publish(new FeatureExtractionProgress(
                context.Message.RequestId, featureSetId, milestone.UtterancesDone, milestone.UtterancesTotal, milestone.AudioSecondsPerSecond),
                context.CancellationToken);
        }
    }

    private static FeaturesExtracted Extracted(ExtractFeatures message, FeatureExtractionPlan plan, ArtifactRef manifest, bool fromCache) => new(
        message.RequestId,
        plan.FeatureSetId,
        manifest,
        Enum.GetValues<DataSplit>()
            .Select(split => (Name: split.ToName(), Count: plan.Corpus.InSplit(split).Count()))
            .Where(split => split.Count > 0)
            .ToDictionary(split => split.Name, split => split.Count),
        fromCache,
        plan.Corpus.Report.Problems.Where(p => p.IsSkippable).Select(p => p.ToString()).ToArray());
}
