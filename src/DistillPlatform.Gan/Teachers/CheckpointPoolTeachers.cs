using DistillPlatform.Emotion.Pool;
using DistillPlatform.Gan.Data;
using DistillPlatform.Torch;
using PoolInputNormalization = DistillPlatform.Features.FeatureSets.FeatureNormalization;

namespace DistillPlatform.Gan.Teachers;

/// <summary>
/// The trained emotion checkpoint pool (<see cref="CheckpointPool"/>) as the GAN's teacher pool for L_SML.
/// <para>
/// Units: the GAN hands teachers maps standardised with its own <see cref="FeatureNormalization"/> (statistics of the
/// training split computed by the GAN), while the pool's classifiers were trained on features as
/// <c>EmotionDataset</c> loaded them: standardised with the feature set manifest's statistics and a floored std
/// (<c>EmotionDatasetOptions.NormalizedBy</c>), or raw when the manifest had none. Each teacher therefore first maps
/// GAN units back to feature units and then into the pool's input units. Both steps are affine per dimension, so they
/// fold into one x·scale + shift, which autograd differentiates, so L_SML's gradients still reach the generator.
/// </para>
/// The pool is borrowed (dispose it yourself, after this object); this object owns only the two conversion tensors.
/// </summary>
public sealed class CheckpointPoolTeachers : ITeacherPool, IDisposable
{
    /// <summary>The std floor <c>EmotionDatasetOptions.NormalizationFloor</c> applies by default.</summary>
    public const double DefaultPoolNormalizationFloor = 1e-5;

    private readonly CheckpointPool _pool;
    private readonly Tensor _scale;
    private readonly Tensor _shift;
    private bool _disposed;

    /// <param name="pool">The loaded pool; its input dimensions must equal the GAN's feature dimensions.</param>
    /// <param name="ganNormalization">The statistics the GAN standardises its maps with.</param>
    /// <param name="poolInputNormalization">
    /// The statistics the pool's training data was standardised with (the manifest normalisation of the feature set
    /// it was trained on), or null when it was trained on raw features.
    /// </param>
    /// <param name="poolNormalizationFloor">The std floor that standardisation used.</param>
    public CheckpointPoolTeachers(CheckpointPool pool, FeatureNormalization ganNormalization,
        PoolInputNormalization? poolInputNormalization, double poolNormalizationFloor = DefaultPoolNormalizationFloor)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ganNormalization.Validate();
        int dimensions = ganNormalization.Dimensions;
        if (pool.Index.InputDimensions != dimensions)
        {
            throw new ArgumentException(
                $"The checkpoint pool in '{pool.Folder}' takes {pool.Index.InputDimensions}-dimensional features; the GAN's are {dimensions}-dimensional.",
                nameof(pool));
        }
        if (poolInputNormalization is not null && (poolInputNormalization.Mean.Count != dimensions || poolInputNormalization.Std.Count != dimensions))
        {
            throw new ArgumentException(
                $"The pool's input normalisation has {poolInputNormalization.Mean.Count} means and {poolInputNormalization.Std.Count} stds for {dimensions} dimensions.",
                nameof(poolInputNormalization));
        }
        if (!(poolNormalizationFloor > 0))
            throw new ArgumentOutOfRangeException(nameof(poolNormalizationFloor), poolNormalizationFloor, "The std floor must be positive.");

        // feature = gan·σ_g + μ_g and pool = (feature − μ_p) / s_p with s_p = max(σ_p, floor), hence
        // pool = gan·(σ_g / s_p) + (μ_g − μ_p) / s_p (with μ_p = 0, s_p = 1 for a raw-feature pool). Computed in double.
        var scale = new float[dimensions];
        var shift = new float[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            double poolMean = poolInputNormalization?.Mean[d] ?? 0.0;
            double poolStd = poolInputNormalization is null ? 1.0 : Math.Max(poolInputNormalization.Std[d], poolNormalizationFloor);
            scale[d] = (float)(ganNormalization.Std[d] / poolStd);
            shift[d] = (float)((ganNormalization.Mean[d] - poolMean) / poolStd);
        }
        _pool = pool;
        _scale = torch.tensor(scale).DetachFromDisposeScope();
        _shift = torch.tensor(shift).DetachFromDisposeScope();
    }

    /// <summary>Checkpoints to draw from.</summary>
    public int Count => _pool.Count;

    public ISoftmaxTeacher Draw(Random random)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ConvertingTeacher(_pool.DrawRandom(random), this);
    }

    /// <summary>Checkpoint <paramref name="position"/> of the pool as a teacher (for inspection and tests).</summary>
    public ISoftmaxTeacher Get(int position)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ConvertingTeacher(_pool.Get(position), this);
    }

    /// <summary>GAN-standardised features [..., D] in the pool's input units; lives in the caller's dispose scope.</summary>
    public Tensor ToPoolUnits(Tensor ganFeatures)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ganFeatures * _scale + _shift;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _scale.Dispose();
        _shift.Dispose();
    }

    /// <summary>One frozen pool checkpoint fed through the unit conversion.</summary>
    private sealed class ConvertingTeacher(PooledClassifier classifier, CheckpointPoolTeachers owner) : ISoftmaxTeacher
    {
        public Tensor Logits(Tensor features, Tensor mask)
        {
            using var scope = torch.NewDisposeScope();
            return classifier.Logits(owner.ToPoolUnits(features), mask).MoveToOuterScope();
        }
    }
}
