using System.Threading.Channels;
using DistillPlatform.Features.Extraction;

namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>
/// Turns the extractor's per-utterance progress into a few milestones (every 1/<c>steps</c> of the utterances, the
/// last at 100 %), queued for the consumer to publish: the extractor reports synchronously and must not wait on
/// the broker, and requesters need a handful of updates, not one per utterance.
/// </summary>
public sealed class ProgressMilestones(int steps) : IProgress<ExtractionProgress>
{
    private readonly Channel<ExtractionProgress> _milestones =
        Channel.CreateUnbounded<ExtractionProgress>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private int _lastStep;

    public ChannelReader<ExtractionProgress> Reader => _milestones.Reader;

    public void Report(ExtractionProgress value)
    {
        int step = (int)Math.Floor(value.Fraction * steps);
        if (step > _lastStep)
        {
            _lastStep = step;
            _milestones.Writer.TryWrite(value);
        }
    }

    /// <summary>No more milestones: the extraction finished, failed or was cancelled.</summary>
    public void Complete() => _milestones.Writer.TryComplete();
}
