using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Emotion.Evaluation;

/// <summary>
/// Checks, before any model is trained, that a training set can be evaluated on a real set's test split: a model
/// trained on one class order or feature width would silently produce meaningless predictions on the other.
/// </summary>
public static class TrainingSetCompatibility
{
    /// <exception cref="IncompatibleTrainingSetException">The first problem found, naming both sets and what to fix.</exception>
    public static void Check(FeatureSetManifest training, FeatureSetManifest real)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(real);
        if (real.Kind != FeatureSetKind.Real)
        {
            throw new IncompatibleTrainingSetException(
                $"The test set must come from a real feature set, but '{real.Id}' is {real.Kind.ToString().ToLowerInvariant()}.");
        }
        if (real.Split(DataSplit.Test) is null)
        {
            throw new IncompatibleTrainingSetException(
                $"Real feature set '{real.Id}' has no test split (it has: {string.Join(", ", real.Splits.Keys)}); extract it with a split policy that holds out test speakers.");
        }
        if (!training.Classes.SequenceEqual(real.Classes, StringComparer.Ordinal))
        {
            throw new IncompatibleTrainingSetException(
                $"Training set '{training.Id}' has classes [{string.Join(", ", training.Classes)}] but test set '{real.Id}' has " +
                $"[{string.Join(", ", real.Classes)}]; both must use the same class names in the same order (the same label mapping).");
        }
        if (training.Dimensions != real.Dimensions)
        {
            throw new IncompatibleTrainingSetException(
                $"Training set '{training.Id}' has {training.Dimensions}-dimensional features but test set '{real.Id}' has {real.Dimensions}; " +
                "both must come from the same frame encoder.");
        }
        var train = training.Split(DataSplit.Train) ?? throw new IncompatibleTrainingSetException(
            $"Training set '{training.Id}' has no train split (it has: {string.Join(", ", training.Splits.Keys)}).");
        int[] emptyClasses = Enumerable.Range(0, train.ClassCounts.Count).Where(c => train.ClassCounts[c] == 0).ToArray();
        if (emptyClasses.Length > 0)
        {
            throw new IncompatibleTrainingSetException(
                $"Training set '{training.Id}' has no train examples of class(es) {string.Join(", ", emptyClasses.Select(c => $"'{training.Classes[c]}'"))}; " +
                "a model that never sees a class cannot be fairly scored on it. Sample or extract at least one example of every class.");
        }
    }
}
