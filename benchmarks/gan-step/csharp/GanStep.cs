using System.Diagnostics;
using System.Globalization;
using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;
using DistillPlatform.Torch.optim;
using F = DistillPlatform.Torch.nn.Functional;

namespace DistillPlatform.Benchmarks.GanStep;

/// <summary>
/// The conditional WGAN-GP step of benchmarks/gan-step/gan_step.py, operation for operation, so the two timings
/// compare the bindings and not the models. Prints `blas=...` then one `step_ms=...` line per timed step.
/// </summary>
public static class Program
{
    private const int Classes = 7;
    private const int Noise = 100;
    private const int Batch = 32;
    private const int Height = 64;
    private const int Width = 80;
    private const double GradientPenaltyWeight = 10.0;

    public static int Main(string[] args)
    {
        var options = ParseOptions(args);
        torch.set_num_threads(options["threads"]);
        torch.manual_seed(7);
        using var generator = new Generator();
        using var critic = new Critic();
        using var generatorOptimizer = new Adam(generator.parameters(), lr: 1e-4, betas: (0.5, 0.9));
        using var criticOptimizer = new Adam(critic.parameters(), lr: 1e-4, betas: (0.5, 0.9));
        using var real = torch.randn(Batch, 1, Height, Width).DetachFromDisposeScope();
        using var realLabels = torch.randint(0, Classes, [Batch]).DetachFromDisposeScope();

        Console.WriteLine($"blas={LoadedBlas()}");
        for (int index = 0; index < options["warmup"] + options["steps"]; index++)
        {
            var clock = Stopwatch.StartNew();
            TrainingStep(generator, critic, generatorOptimizer, criticOptimizer, real, realLabels);
            double elapsedMs = clock.Elapsed.TotalMilliseconds;
            if (index >= options["warmup"])
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step_ms={elapsedMs:F3}"));
        }
        return 0;
    }

    private static double TrainingStep(Generator generator, Critic critic, Adam generatorOptimizer, Adam criticOptimizer, Tensor real, Tensor realLabels)
    {
        using var scope = torch.NewDisposeScope();
        // Critic update: Wasserstein distance + gradient penalty on interpolates + auxiliary classification.
        var noise = torch.randn(Batch, Noise);
        var fakeLabels = torch.randint(0, Classes, [Batch]);
        var fakeOneHot = F.one_hot(fakeLabels, Classes).to(ScalarType.Float32);
        Tensor fake;
        using (torch.no_grad())
            fake = generator.call((fakeOneHot, noise));
        var (realScore, realClass) = critic.call(real);
        var (fakeScore, _) = critic.call(fake);
        var alpha = torch.rand(Batch, 1, 1, 1);
        var interpolates = (alpha * real + (1 - alpha) * fake).requires_grad_();
        var (interpolateScore, _) = critic.call(interpolates);
        var gradients = torch.autograd.grad([interpolateScore.sum()], [interpolates], create_graph: true)[0];
        var penalty = (gradients.flatten(1).norm([1], p: 2) - 1).pow(2).mean();
        var criticLoss = fakeScore.mean() - realScore.mean() + GradientPenaltyWeight * penalty + F.cross_entropy(realClass, realLabels);
        criticOptimizer.zero_grad();
        criticLoss.backward();
        criticOptimizer.step();

        // Generator update: fool the critic and be classified as the requested class.
        var generated = generator.call((fakeOneHot, noise));
        var (generatedScore, generatedClass) = critic.call(generated);
        var generatorLoss = -generatedScore.mean() + F.cross_entropy(generatedClass, fakeLabels);
        generatorOptimizer.zero_grad();
        criticOptimizer.zero_grad();
        generatorLoss.backward();
        generatorOptimizer.step();
        return criticLoss.item<float>() + generatorLoss.item<float>();
    }

    /// <summary>one-hot(class) ++ noise → dense seed [128, 8, 10] → three (upsample ×2, conv 3×3, leaky ReLU) → conv to one map.</summary>
    private sealed class Generator : Module<(Tensor OneHot, Tensor Noise), Tensor>
    {
        private readonly Linear _seed;
        private readonly Sequential _blocks;

        public Generator()
        {
            _seed = register_module("seed", new Linear(Classes + Noise, 128 * 8 * 10));
            _blocks = register_module("blocks", new Sequential(
                new Upsample(2), new Conv2d(128, 64, 3, padding: 1), new LeakyReLU(0.2),
                new Upsample(2), new Conv2d(64, 32, 3, padding: 1), new LeakyReLU(0.2),
                new Upsample(2), new Conv2d(32, 16, 3, padding: 1), new LeakyReLU(0.2),
                new Conv2d(16, 1, 3, padding: 1)));
        }

        public override Tensor forward((Tensor OneHot, Tensor Noise) input)
        {
            var seed = _seed.call(torch.cat([input.OneHot, input.Noise], 1)).reshape(-1, 128, 8, 10);
            return _blocks.call(F.leaky_relu(seed, 0.2));
        }
    }

    /// <summary>Three (conv 4×4 stride 2, layer norm, leaky ReLU) blocks, then a Wasserstein head and a class head.</summary>
    private sealed class Critic : Module<Tensor, (Tensor Score, Tensor ClassLogits)>
    {
        private readonly Sequential _features;
        private readonly Linear _wasserstein;
        private readonly Linear _classifier;

        public Critic()
        {
            _features = register_module("features", new Sequential(
                new Conv2d(1, 32, 4, stride: 2, padding: 1), new LayerNorm([32, 32, 40]), new LeakyReLU(0.2),
                new Conv2d(32, 64, 4, stride: 2, padding: 1), new LayerNorm([64, 16, 20]), new LeakyReLU(0.2),
                new Conv2d(64, 128, 4, stride: 2, padding: 1), new LayerNorm([128, 8, 10]), new LeakyReLU(0.2)));
            _wasserstein = register_module("wasserstein", new Linear(128 * 8 * 10, 1));
            _classifier = register_module("classifier", new Linear(128 * 8 * 10, Classes));
        }

        public override (Tensor Score, Tensor ClassLogits) forward(Tensor input)
        {
            var features = _features.call(input).flatten(1);
            return (_wasserstein.call(features), _classifier.call(features));
        }
    }

    private static string LoadedBlas()
    {
        var libraries = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[^1].StartsWith('/') && fields[^1].Contains("blas", StringComparison.OrdinalIgnoreCase))
            .Select(fields => fields[^1])
            .Distinct()
            .Order(StringComparer.Ordinal);
        var joined = string.Join(",", libraries);
        return joined.Length > 0 ? joined : "none";
    }

    private static Dictionary<string, int> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, int>();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value < 0)
                throw new ArgumentException($"Expected '--name N' pairs, got '{args[i]} {args[i + 1]}'.");
            options[args[i][2..]] = value;
        }
        foreach (var required in new[] { "threads", "warmup", "steps" })
            if (!options.ContainsKey(required))
                throw new ArgumentException("usage: GanStep --threads N --warmup W --steps S");
        return options;
    }
}
