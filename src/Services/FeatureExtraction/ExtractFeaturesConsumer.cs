using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.Extraction;
using DistillPlatform.ServiceDefaults;
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

    /// <summary>
    /// A request naming a corpus that is missing or fails validation, or settings out of range, is at fault; the failed
    /// event lists the corpus problems when validation found them.
    /// </summary>
    private static readonly BadInputPolicy<ExtractFeatures, FeatureExtractionFailed> FailOnBadInput = new(
        isBadInput: e => e is CorpusValidationException or CorpusManifestFormatException or ArgumentException or FileNotFoundException,
        failedEvent: (request, e) => new FeatureExtractionFailed(request.RequestId, e.Message, CorpusProblemsOf(e)),
        asInvalidRequest: (reason, e) => new InvalidExtractionRequestException(reason, e));

    public async Task Consume(ConsumeContext<ExtractFeatures> context)
    {
        ExtractFeatures message = context.Message;
        CancellationToken cancellationToken = context.CancellationToken;
        using FetchedCorpus corpus = await FailOnBadInput.RunAsync(context, () => corpusFetcher.FetchAsync(message.Corpus, cancellationToken));
        FeatureExtractionPlan plan = await FailOnBadInput.RunAsync(context, () =>
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

    private static IReadOnlyList<string> CorpusProblemsOf(Exception e) => e is CorpusValidationException validation
        ? validation.Report.Problems.Select(p => p.ToString()).ToArray()
        : [];

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
