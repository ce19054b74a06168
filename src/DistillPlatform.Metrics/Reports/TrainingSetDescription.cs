namespace DistillPlatform.Metrics.Reports;

/// <summary>The training set of an evaluation.</summary>
/// <param name="ArtifactId">Storage id of the training set artifact.</param>
/// <param name="PointsPerClass">Sampling budget of a synthetic set (examples per class); null for a real set, whose classes are unbalanced.</param>
/// <param name="ClassCounts">Training examples per class, aligned with <see cref="EvaluationSetup.LabelMap"/>.</param>
/// <param name="GeneratorId">Artifact id of the generator that sampled a synthetic set; null for a real set.</param>
/// <param name="LossPreset">Distillation loss preset of the generator (e.g. "baseline", "+div", "+sml", "+div+sml"); null for a real set.</param>
public sealed record TrainingSetDescription(
    string ArtifactId,
    TrainingSetKind Kind,
    int? PointsPerClass,
    IReadOnlyList<int> ClassCounts,
    string? GeneratorId,
    string? LossPreset)
{
    /// <summary>Derived from <see cref="ClassCounts"/>: written to JSON for convenience, ignored when reading.</summary>
    public int TotalExamples => ClassCounts.Sum();

    /// <summary>Checks the fields that depend on the kind and on the label map, with messages that say what to fix.</summary>
    internal void Validate(IReadOnlyList<string> labelMap)
    {
        if (string.IsNullOrWhiteSpace(ArtifactId)) throw new ArgumentException("The training set needs an artifact id.");
        ArgumentNullException.ThrowIfNull(ClassCounts);
        if (ClassCounts.Count != labelMap.Count)
        {
            throw new ArgumentException(
                $"The training set has {ClassCounts.Count} class counts but the label map has {labelMap.Count} classes; give one count per class, in label-map order.");
        }
        if (ClassCounts.Any(count => count < 0)) throw new ArgumentException("Training set class counts must not be negative.");
        if (PointsPerClass is < 1) throw new ArgumentException($"Points per class must be at least 1, got {PointsPerClass}.");

        if (Kind == TrainingSetKind.Synthetic)
        {
            if (string.IsNullOrWhiteSpace(GeneratorId)) throw new ArgumentException("A synthetic training set must name the generator id that sampled it.");
            if (PointsPerClass is null) throw new ArgumentException("A synthetic training set must state its points-per-class budget.");
            if (string.IsNullOrWhiteSpace(LossPreset)) throw new ArgumentException("A synthetic training set must name the generator's loss preset.");
        }
        else if (GeneratorId is not null || LossPreset is not null)
        {
            throw new ArgumentException("A real training set has no generator: leave the generator id and loss preset empty.");
        }
    }
}
