using System.Diagnostics;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Sampling;
using DistillPlatform.Gan.Training;
using DistillPlatform.ServiceDefaults;
using MassTransit;

namespace DistillPlatform.Services.Sampling;

/// <summary>
/// Handles <see cref="SampleSyntheticSet"/>: read the generator's manifest, plan the class counts and derive the
/// synthetic set id; answer from the object store when that set is already stored; otherwise download the generator's
/// checkpoint, sample the set into a local feature-set folder, upload it under <c>features/&lt;id&gt;/</c> (manifest
/// last) and publish <see cref="SyntheticSetSampled"/>. A request that cannot succeed as sent publishes
/// <see cref="SamplingFailed"/> and faults with the same reason; nothing is stored for it.
/// </summary>
public sealed class SampleSyntheticSetConsumer(
    StoredGenerators generators,
    StoredSyntheticSets syntheticSets,
    ILogger<SampleSyntheticSetConsumer> logger) : IConsumer<SampleSyntheticSet>
{
    /// <summary>A request naming settings out of range, or a generator that is missing or cannot be used, is at fault.</summary>
    private static readonly BadInputPolicy<SampleSyntheticSet, SamplingFailed> FailOnBadInput = new(
        isBadInput: e => e is InvalidDataException or ArgumentException,
        failedEvent: (request, e) => new SamplingFailed(request.RequestId, e.Message),
        asInvalidRequest: (reason, e) => new InvalidSamplingRequestException(reason, e));

    public async Task Consume(ConsumeContext<SampleSyntheticSet> context)
    {
        SampleSyntheticSet message = context.Message;
        CancellationToken cancellationToken = context.CancellationToken;
        using Activity? activity = PlatformTelemetry.ActivitySource.StartActivity("sample synthetic set");
        activity?.SetTag("sampling.request_id", message.RequestId.ToString());
        activity?.SetTag("sampling.generator_id", message.GeneratorId);
        activity?.SetTag("sampling.distribution", message.Distribution.ToString());
        activity?.SetTag("sampling.seed", message.Seed);
        await FailOnBadInput.RunAsync(context, () =>
        {
            SamplingRequestMapper.CheckRequest(message);
            return Task.CompletedTask;
        }, activity);

        string workFolder = Directory.CreateTempSubdirectory("distill-sampling-").FullName;
        try
        {
            string generatorFolder = Path.Combine(workFolder, "generator");
            GeneratorManifest generator = await FailOnBadInput.RunAsync(context,
                () => generators.DownloadManifestAsync(message.GeneratorId, generatorFolder, cancellationToken), activity);
            SamplingPlan plan = await FailOnBadInput.RunAsync(context, () => Task.FromResult(SamplingRequestMapper.ToPlan(message, generator)), activity);
            activity?.SetTag("sampling.synthetic_set_id", plan.SyntheticSetId);
            activity?.SetTag("sampling.points", plan.Counts.Total);
            activity?.SetTag("sampling.points_per_class", plan.Counts.ToString());

            if (await syntheticSets.FindAsync(plan.SyntheticSetId, cancellationToken) is { } stored)
            {
                activity?.SetTag("sampling.from_cache", true);
                logger.LogInformation("Request {RequestId}: synthetic set {SyntheticSetId} is already stored at {Uri}",
                    message.RequestId, plan.SyntheticSetId, stored.ManifestRef.Uri);
                await context.Publish(Sampled(message, plan, stored.ManifestRef, stored.SizeBytes, fromCache: true), cancellationToken);
                return;
            }

            activity?.SetTag("sampling.from_cache", false);
            logger.LogInformation("Request {RequestId}: sampling {Points} points ({Counts}) from generator {GeneratorId} with seed {Seed}",
                message.RequestId, plan.Counts.Total, plan.Counts, plan.GeneratorId, plan.Seed);
            await generators.DownloadSamplerFilesAsync(plan.GeneratorId, generatorFolder, cancellationToken);
            string setFolder = Path.Combine(workFolder, "set");
            // Sampling is synchronous and CPU-bound: run it off the bus's dispatch thread.
            SyntheticSet written = await FailOnBadInput.RunAsync(context,
                () => Task.Run(() => Sample(generatorFolder, generator, plan, setFolder, cancellationToken), cancellationToken), activity);
            ArtifactRef manifest = await syntheticSets.UploadAsync(plan.SyntheticSetId, setFolder, cancellationToken);
            activity?.SetTag("sampling.size_bytes", written.SizeBytes);
            logger.LogInformation("Request {RequestId}: synthetic set {SyntheticSetId} ({Bytes} bytes) stored at {Uri}",
                message.RequestId, plan.SyntheticSetId, written.SizeBytes, manifest.Uri);
            await context.Publish(Sampled(message, plan, manifest, written.SizeBytes, fromCache: false), cancellationToken);
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }

    private static SyntheticSet Sample(string generatorFolder, GeneratorManifest generator, SamplingPlan plan, string setFolder,
        CancellationToken cancellationToken)
    {
        using GanSampler sampler = GanSampler.FromCheckpoint(generatorFolder);
        return SyntheticSetWriter.Write(sampler, generator, plan.Counts, plan.Seed, setFolder, cancellationToken: cancellationToken);
    }

    private static SyntheticSetSampled Sampled(SampleSyntheticSet message, SamplingPlan plan, ArtifactRef manifest, long sizeBytes, bool fromCache) =>
        new(message.RequestId, plan.SyntheticSetId, plan.GeneratorId, manifest, plan.Counts.PointsPerClassName, sizeBytes, fromCache);
}
