using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Sampling;

namespace DistillPlatform.Services.Sampling;

/// <summary>Turns a <see cref="SampleSyntheticSet"/> command into a <see cref="SamplingPlan"/>, rejecting requests that cannot work.</summary>
public static class SamplingRequestMapper
{
    /// <summary>The checks that need no generator, so a malformed request fails before anything is downloaded.</summary>
    /// <exception cref="InvalidSamplingRequestException">A field is missing or out of range; the message names it.</exception>
    public static void CheckRequest(SampleSyntheticSet command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.GeneratorId))
            throw new InvalidSamplingRequestException("GeneratorId is empty; name the generator to sample from (see GeneratorDistilled.GeneratorId).");
        try
        {
            StoredGenerators.FolderOf(command.GeneratorId).Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidSamplingRequestException($"GeneratorId '{command.GeneratorId}' is not a generator id: {e.Message}", e);
        }
        switch (command.Distribution)
        {
            case ClassDistribution.Balanced or ClassDistribution.Original:
                if (command.PointsPerClass < 1)
                {
                    throw new InvalidSamplingRequestException(
                        $"PointsPerClass must be at least 1 for the {command.Distribution} distribution; got {command.PointsPerClass}.");
                }
                if (command.ClassCounts is not null)
                {
                    throw new InvalidSamplingRequestException(
                        $"ClassCounts are used only with the Explicit distribution, not {command.Distribution}; leave them out or send Distribution = Explicit.");
                }
                break;
            case ClassDistribution.Explicit:
                if (command.ClassCounts is null || command.ClassCounts.Count == 0)
                {
                    throw new InvalidSamplingRequestException(
                        "The Explicit distribution needs ClassCounts (class name → points); send them, or use Balanced or Original with PointsPerClass.");
                }
                break;
            default:
                throw new InvalidSamplingRequestException(
                    $"Distribution {(int)command.Distribution} is not one of {string.Join(", ", Enum.GetNames<ClassDistribution>())}.");
        }
    }

    /// <summary>The class counts for <paramref name="generator"/>'s classes and the id of the set they make.</summary>
    /// <exception cref="InvalidSamplingRequestException">The request does not fit the generator (e.g. an unknown class name).</exception>
    public static SamplingPlan ToPlan(SampleSyntheticSet command, GeneratorManifest generator)
    {
        CheckRequest(command);
        ArgumentNullException.ThrowIfNull(generator);
        ClassCountPlan counts;
        try
        {
            counts = command.Distribution switch
            {
                ClassDistribution.Balanced => ClassCountPlan.Balanced(generator.Classes, command.PointsPerClass),
                ClassDistribution.Original => ClassCountPlan.Original(generator.Classes, generator.RealClassCounts, command.PointsPerClass),
                _ => ClassCountPlan.Explicit(generator.Classes, command.ClassCounts),
            };
        }
        catch (ArgumentException e)
        {
            throw new InvalidSamplingRequestException($"Cannot sample from generator '{command.GeneratorId}': {e.Message}", e);
        }
        return new SamplingPlan(SyntheticSetId.For(command.GeneratorId, counts, command.Seed), command.GeneratorId, counts, command.Seed);
    }
}
