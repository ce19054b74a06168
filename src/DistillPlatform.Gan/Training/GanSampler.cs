using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Models;
using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Training;

/// <summary>
/// Draws synthetic feature maps from a trained generator: what the sampling side needs from a checkpoint (the
/// generator and the normalisation), without the critic or optimizer state.
/// </summary>
public sealed class GanSampler : IDisposable
{
    private readonly ConditionalGenerator _generator;
    private readonly FeatureNormalization _normalization;

    private GanSampler(ConditionalGenerator generator, FeatureNormalization normalization)
    {
        (_generator, _normalization) = (generator, normalization);
        _generator.eval();
    }

    public GanModelConfig Model => _generator.Config;

    /// <summary>The generator and normalisation of a checkpoint folder written by <see cref="GanTrainer.SaveCheckpoint"/>.</summary>
    public static GanSampler FromCheckpoint(string folder)
    {
        var state = GanTrainingState.Load(folder);
        var generator = ConditionalGenerator.Create(state.Model);
        try
        {
            generator.load(Path.Combine(folder, GanCheckpointFiles.Generator));
            return new GanSampler(generator, state.Normalization.Validate());
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="Sample(ConditionalGenerator, FeatureNormalization, IReadOnlyList{int}, long)"/>
    public Tensor Sample(IReadOnlyList<int> classIndices, long seed) => Sample(_generator, _normalization, classIndices, seed);

    /// <summary>
    /// Generated maps for <paramref name="classIndices"/> in feature units [N, 1, T, D], reproducible from
    /// <paramref name="seed"/> (the noise is torch.randn after torch.manual_seed(seed), as in PyTorch). Runs the
    /// generator in eval mode (batch norm running statistics) and restores both its mode and the torch random state.
    /// The result lives in the caller's dispose scope.
    /// </summary>
    internal static Tensor Sample(ConditionalGenerator generator, FeatureNormalization normalization, IReadOnlyList<int> classIndices, long seed)
    {
        ArgumentNullException.ThrowIfNull(classIndices);
        var config = generator.Config;
        if (classIndices.Count == 0)
            throw new ArgumentException("Sampling needs at least one class index.", nameof(classIndices));
        var invalid = classIndices.Where(c => c < 0 || c >= config.Classes).Distinct().ToList();
        if (invalid.Count > 0)
            throw new ArgumentOutOfRangeException(nameof(classIndices), $"Class indices must lie in [0, {config.Classes}); got {string.Join(", ", invalid)}.");

        var outerState = torch.get_rng_state();
        bool wasTraining = generator.training;
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(seed);
            var noise = torch.randn(classIndices.Count, config.NoiseDimensions);
            var labels = torch.tensor(classIndices.Select(c => (long)c).ToArray(), [classIndices.Count]);
            generator.eval();
            using (torch.no_grad())
                return normalization.Denormalize(generator.Generate(labels, noise)).MoveToOuterScope();
        }
        finally
        {
            generator.train(wasTraining);
            torch.set_rng_state(outerState);
        }
    }

    public void Dispose() => _generator.Dispose();
}
