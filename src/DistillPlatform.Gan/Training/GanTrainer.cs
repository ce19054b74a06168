using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Losses;
using DistillPlatform.Gan.Models;
using DistillPlatform.Gan.Teachers;
using DistillPlatform.Torch;
using DistillPlatform.Torch.optim;

namespace DistillPlatform.Gan.Training;

/// <summary>
/// Trains the conditional WGAN-GP: each <see cref="TrainStep"/> is n_critic critic updates followed by one generator
/// update, every update on a fresh real batch from the <see cref="IRealBatchSource"/>, with synthetic maps generated
/// for the real batch's labels (so L_SML compares batches of the same classes in the same order).
/// <para>
/// Randomness: the trainer keeps its own copy of the torch generator state and swaps it in for its work (and back out
/// afterwards), plus a <see cref="ResumableRandom"/> for batches and teacher draws. Both are saved in checkpoints, so a
/// resumed run continues bit for bit as the uninterrupted one would have. Not thread-safe: one trainer per thread, and no
/// other code should draw from the torch generator on another thread while a step runs.
/// </para>
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private readonly IRealBatchSource _source;
    private readonly ITeacherPool? _teachers;
    private readonly Adam _generatorOptimizer;
    private readonly Adam _criticOptimizer;
    private readonly ResumableRandom _random;
    private byte[] _torchRandomState;
    private bool _disposed;

    /// <summary>A new run: models initialised from <paramref name="seed"/>, step 0.</summary>
    /// <param name="teachers">The checkpoint pool for L_SML; required when λ6 &gt; 0.</param>
    public GanTrainer(GanModelConfig model, GanHyperParameters hyperParameters, FeatureNormalization normalization,
        IRealBatchSource source, ITeacherPool? teachers, long seed)
    {
        Model = model.Validate();
        HyperParameters = hyperParameters.Validate();
        Normalization = normalization.Validate();
        if (normalization.Dimensions != model.FeatureDimensions)
            throw new ArgumentException($"The normalisation has {normalization.Dimensions} dimensions but the model expects {model.FeatureDimensions}.", nameof(normalization));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        if (hyperParameters.SoftmaxMatchingWeight > 0 && teachers is null)
            throw new ArgumentException("Softmax matching (λ6 > 0) needs a teacher pool; pass one or use a preset without +sml.", nameof(teachers));
        _teachers = teachers;
        _random = new ResumableRandom(seed);

        var outerState = torch.get_rng_state();
        try
        {
            torch.manual_seed(seed);
            Generator = ConditionalGenerator.Create(model);
            Critic = new Critic(model);
            _torchRandomState = torch.get_rng_state();
        }
        finally
        {
            torch.set_rng_state(outerState);
        }

        var betas = (hyperParameters.AdamBeta1, hyperParameters.AdamBeta2);
        _generatorOptimizer = new Adam(Generator.parameters(), lr: hyperParameters.GeneratorLearningRate, betas: betas);
        _criticOptimizer = new Adam(Critic.parameters(), lr: hyperParameters.CriticLearningRate, betas: betas);
    }

    public GanModelConfig Model { get; }

    public GanHyperParameters HyperParameters { get; }

    public FeatureNormalization Normalization { get; }

    /// <summary>Completed training steps.</summary>
    public long Step { get; private set; }

    /// <summary>The generator (owned by the trainer; do not dispose).</summary>
    public ConditionalGenerator Generator { get; }

    /// <summary>The critic (owned by the trainer; do not dispose).</summary>
    public Critic Critic { get; }

    /// <summary>n_critic critic updates and one generator update.</summary>
    public GanStepReport TrainStep()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return WithOwnTorchRandom(() =>
        {
            var critic = new CriticTotals();
            for (int update = 0; update < HyperParameters.CriticSteps; update++)
                critic.Add(CriticUpdate());
            var generator = GeneratorUpdate();
            Step++;
            int n = HyperParameters.CriticSteps;
            return new GanStepReport(Step, critic.Loss / n, critic.Wasserstein / n, critic.Penalty / n, critic.RealClass / n, critic.FakeClass / n,
                generator.Loss, generator.Adversarial, generator.Classification, generator.FeatureMatching, generator.Diversity, generator.SoftmaxMatching);
        });
    }

    private CriticUpdateResult CriticUpdate()
    {
        using var scope = torch.NewDisposeScope();
        var batch = NextRealBatch();
        var noise = torch.randn(batch.Labels.shape[0], Model.NoiseDimensions);
        Tensor fake;
        using (torch.no_grad())
            fake = Generator.Generate(batch.Labels, noise);
        var real = Critic.call(batch.Features);
        var synthetic = Critic.call(fake);
        var wasserstein = GanLosses.WassersteinCriticLoss(real.Score, synthetic.Score);
        var penalty = GanLosses.GradientPenalty(x => Critic.call(x).Score, batch.Features, fake);
        var realClass = GanLosses.ClassificationLoss(real.ClassLogits, batch.Labels);
        var fakeClass = GanLosses.ClassificationLoss(synthetic.ClassLogits, batch.Labels);
        var loss = wasserstein
            + HyperParameters.GradientPenaltyWeight * penalty
            + HyperParameters.RealClassificationWeight * realClass
            + HyperParameters.SyntheticClassificationWeight * fakeClass;
        _criticOptimizer.zero_grad();
        loss.backward();
        _criticOptimizer.step();
        return new CriticUpdateResult(loss.item<float>(), -wasserstein.item<float>(), penalty.item<float>(), realClass.item<float>(), fakeClass.item<float>());
    }

    private GeneratorUpdateResult GeneratorUpdate()
    {
        using var scope = torch.NewDisposeScope();
        var batch = NextRealBatch();
        var noise = torch.randn(batch.Labels.shape[0], Model.NoiseDimensions);
        var fake = Generator.Generate(batch.Labels, noise);
        var synthetic = Critic.call(fake);
        var adversarial = GanLosses.WassersteinGeneratorLoss(synthetic.Score);
        var classification = GanLosses.ClassificationLoss(synthetic.ClassLogits, batch.Labels);
        var loss = adversarial + HyperParameters.SyntheticClassificationWeight * classification;

        double featureMatching = 0, diversity = 0, softmaxMatching = 0;
        if (HyperParameters.FeatureMatchingWeight > 0)
        {
            CriticOutput real;
            using (torch.no_grad())
                real = Critic.call(batch.Features);
            var term = GanLosses.FeatureMatchingLoss(real.Features, synthetic.Features);
            loss = loss + HyperParameters.FeatureMatchingWeight * term;
            featureMatching = term.item<float>();
        }
        if (HyperParameters.DiversityWeight > 0)
        {
            var secondNoise = torch.randn(batch.Labels.shape[0], Model.NoiseDimensions);
            var second = Generator.Generate(batch.Labels, secondNoise);
            var term = GanLosses.DiversityPenalty(fake, second, noise, secondNoise, HyperParameters.DiversityCap);
            loss = loss + HyperParameters.DiversityWeight * term;
            diversity = term.item<float>();
        }
        if (HyperParameters.SoftmaxMatchingWeight > 0)
        {
            var teacher = _teachers!.Draw(_random);
            var term = GanLosses.SoftmaxMatchingLoss(teacher, batch.Features, batch.Mask, fake);
            loss = loss + HyperParameters.SoftmaxMatchingWeight * term;
            softmaxMatching = term.item<float>();
        }
        _generatorOptimizer.zero_grad();
        loss.backward();
        _generatorOptimizer.step();
        // The generator loss also left gradients on the critic; drop them so nothing can apply them by accident.
        _criticOptimizer.zero_grad();
        return new GeneratorUpdateResult(loss.item<float>(), adversarial.item<float>(), classification.item<float>(), featureMatching, diversity, softmaxMatching);
    }

    private RealBatch NextRealBatch()
    {
        var batch = _source.NextBatch(_random);
        long size = batch.Features.shape[0];
        if (batch.Features.dim() != 4 || !batch.Features.shape.Skip(1).SequenceEqual([1L, Model.Frames, Model.FeatureDimensions]) || batch.Features.dtype != ScalarType.Float32)
            throw new InvalidOperationException(
                $"The batch source gave features [{string.Join(", ", batch.Features.shape)}] ({batch.Features.dtype}); the model needs float32 [B, 1, {Model.Frames}, {Model.FeatureDimensions}].");
        if (!batch.Labels.shape.SequenceEqual([size]) || batch.Labels.dtype != ScalarType.Int64)
            throw new InvalidOperationException($"The batch source gave labels [{string.Join(", ", batch.Labels.shape)}] ({batch.Labels.dtype}); expected int64 [{size}].");
        if (size > 0 && (batch.Labels.min().item<long>() < 0 || batch.Labels.max().item<long>() >= Model.Classes))
            throw new InvalidOperationException(
                $"The batch source gave labels outside [0, {Model.Classes}): [{string.Join(", ", batch.Labels.ToArray<long>())}].");
        if (!batch.Mask.shape.SequenceEqual([size, Model.Frames]))
            throw new InvalidOperationException($"The batch source gave a mask [{string.Join(", ", batch.Mask.shape)}]; expected [{size}, {Model.Frames}].");
        return batch;
    }

    /// <inheritdoc cref="GanSampler.Sample(ConditionalGenerator, FeatureNormalization, IReadOnlyList{int}, long)"/>
    public Tensor Sample(IReadOnlyList<int> classIndices, long seed)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return GanSampler.Sample(Generator, Normalization, classIndices, seed);
    }

    /// <summary>
    /// Writes the complete training state to <paramref name="folder"/> (created if needed): generator and critic
    /// weights and buffers, both Adam states (safetensors), and trainer.json with the step, configuration,
    /// normalisation and both random generator states.
    /// </summary>
    public void SaveCheckpoint(string folder)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Directory.CreateDirectory(folder);
        Generator.save(Path.Combine(folder, GanCheckpointFiles.Generator));
        Critic.save(Path.Combine(folder, GanCheckpointFiles.Critic));
        _generatorOptimizer.save_state(Path.Combine(folder, GanCheckpointFiles.GeneratorOptimizer));
        _criticOptimizer.save_state(Path.Combine(folder, GanCheckpointFiles.CriticOptimizer));
        new GanTrainingState(GanTrainingState.CurrentFormatVersion, Step, Model, HyperParameters, Normalization,
            Convert.ToBase64String(_torchRandomState), _random.State).Save(folder);
    }

    /// <summary>
    /// A trainer that continues the run saved in <paramref name="folder"/> by <see cref="SaveCheckpoint"/>: same
    /// configuration, weights, optimizer moments, step and random states. The batch source and teacher pool must be
    /// the same as the saved run's for the continuation to be identical.
    /// </summary>
    public static GanTrainer LoadCheckpoint(string folder, IRealBatchSource source, ITeacherPool? teachers)
    {
        var state = GanTrainingState.Load(folder);
        var trainer = new GanTrainer(state.Model, state.HyperParameters, state.Normalization, source, teachers, seed: 0);
        try
        {
            trainer.Generator.load(Path.Combine(folder, GanCheckpointFiles.Generator));
            trainer.Critic.load(Path.Combine(folder, GanCheckpointFiles.Critic));
            trainer._generatorOptimizer.load_state(Path.Combine(folder, GanCheckpointFiles.GeneratorOptimizer));
            trainer._criticOptimizer.load_state(Path.Combine(folder, GanCheckpointFiles.CriticOptimizer));
            trainer._torchRandomState = Convert.FromBase64String(state.TorchRandomState);
            trainer._random.Restore(state.RandomState);
            trainer.Step = state.Step;
            return trainer;
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
    }

    private T WithOwnTorchRandom<T>(Func<T> work)
    {
        var outerState = torch.get_rng_state();
        torch.set_rng_state(_torchRandomState);
        try
        {
            return work();
        }
        finally
        {
            _torchRandomState = torch.get_rng_state();
            torch.set_rng_state(outerState);
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _generatorOptimizer.Dispose();
        _criticOptimizer.Dispose();
        Generator.Dispose();
        Critic.Dispose();
    }

    private sealed record CriticUpdateResult(double Loss, double Wasserstein, double Penalty, double RealClass, double FakeClass);

    private sealed record GeneratorUpdateResult(double Loss, double Adversarial, double Classification, double FeatureMatching, double Diversity, double SoftmaxMatching);

    private sealed class CriticTotals
    {
        public double Loss, Wasserstein, Penalty, RealClass, FakeClass;

        public void Add(CriticUpdateResult update)
        {
            Loss += update.Loss;
            Wasserstein += update.Wasserstein;
            Penalty += update.Penalty;
            RealClass += update.RealClass;
            FakeClass += update.FakeClass;
        }
    }
}
