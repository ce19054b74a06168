using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Distillation;

namespace DistillPlatform.Services.Distillation;

/// <summary>Turns a <see cref="DistillGenerator"/> command into a <see cref="DistillationPlan"/>, rejecting settings that cannot work.</summary>
public static class DistillationRequestMapper
{
    /// <summary>Hex digits of the SHA-256 kept in a generator id: 80 bits, plenty to keep distinct generators apart.</summary>
    private const int IdHashHexDigits = 20;

    /// <exception cref="InvalidDistillationRequestException">A setting is missing or out of range; the message names it.</exception>
    public static DistillationPlan ToPlan(DistillGenerator command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.FeatureSetId))
            throw new InvalidDistillationRequestException("FeatureSetId is empty; name the feature set to distil (see FeaturesExtracted.FeatureSetId).");
        if (command.Steps < 1)
            throw new InvalidDistillationRequestException($"Steps must be at least 1; got {command.Steps}.");
        try
        {
            GanArchitecture architecture = GeneratorDistillationSettings.ParseArchitecture(command.Architecture);
            GanHyperParameters hyperParameters = WithOverrides(GanHyperParameters.FromPreset(command.LossPreset ?? ""), command.HyperParameters).Validate();
            string? poolId = null;
            if (hyperParameters.SoftmaxMatchingWeight > 0)
            {
                if (string.IsNullOrWhiteSpace(command.PoolId))
                {
                    throw new InvalidDistillationRequestException(
                        $"Loss preset '{command.LossPreset}' uses softmax matching, which needs a checkpoint pool; set PoolId (see CheckpointPoolTrained.PoolId) or use a preset without +sml.");
                }
                poolId = command.PoolId;
            }
            string generatorId = GeneratorIdOf(command, architecture, hyperParameters, poolId);
            var settings = new GeneratorDistillationSettings(generatorId, command.ModelPreset, architecture, command.LossPreset!, hyperParameters,
                command.Steps, command.Seed, command.BatchSize, command.CheckpointEvery, poolId).Validate();
            return new DistillationPlan(generatorId, command.FeatureSetId, poolId, settings);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDistillationRequestException($"Invalid distillation request: {e.Message}", e);
        }
    }

    /// <summary>The preset's values with every non-null field of <paramref name="spec"/> replacing its counterpart.</summary>
    public static GanHyperParameters WithOverrides(GanHyperParameters preset, GanHyperParametersSpec? spec) => spec is null
        ? preset
        : preset with
        {
            GradientPenaltyWeight = spec.GradientPenaltyWeight ?? preset.GradientPenaltyWeight,
            RealClassificationWeight = spec.RealClassificationWeight ?? preset.RealClassificationWeight,
            SyntheticClassificationWeight = spec.SyntheticClassificationWeight ?? preset.SyntheticClassificationWeight,
            FeatureMatchingWeight = spec.FeatureMatchingWeight ?? preset.FeatureMatchingWeight,
            DiversityWeight = spec.DiversityWeight ?? preset.DiversityWeight,
            DiversityCap = spec.DiversityCap ?? preset.DiversityCap,
            SoftmaxMatchingWeight = spec.SoftmaxMatchingWeight ?? preset.SoftmaxMatchingWeight,
            CriticSteps = spec.CriticSteps ?? preset.CriticSteps,
            GeneratorLearningRate = spec.GeneratorLearningRate ?? preset.GeneratorLearningRate,
            CriticLearningRate = spec.CriticLearningRate ?? preset.CriticLearningRate,
            AdamBeta1 = spec.AdamBeta1 ?? preset.AdamBeta1,
            AdamBeta2 = spec.AdamBeta2 ?? preset.AdamBeta2,
        };

    /// <summary>
    /// "gen-" and a hash of every setting that changes the trained weights (or what the manifest says about them):
    /// feature set, pool (when used), architecture, presets, effective hyper-parameters, steps, seed and batch size.
    /// How often checkpoints are stored does not change the result, so it is left out.
    /// </summary>
    private static string GeneratorIdOf(DistillGenerator command, GanArchitecture architecture, GanHyperParameters hyperParameters, string? poolId) =>
        ContentId.FromJson("gen-", new
        {
            featureSetId = command.FeatureSetId,
            poolId,
            architecture = GeneratorDistillationSettings.ArchitectureName(architecture),
            modelPreset = command.ModelPreset,
            lossPreset = command.LossPreset,
            hyperParameters,
            steps = command.Steps,
            seed = command.Seed,
            batchSize = command.BatchSize,
        }, IdHashHexDigits);
}
