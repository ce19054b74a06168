using DistillPlatform.Torch.nn;
using DistillPlatform.Torch.optim;

namespace DistillPlatform.Torch.Tests;

/// <summary>
/// Long training loops must not grow native memory: each step's tensors die with its dispose scope, and the
/// module/optimizer own their tensors for exactly their lifetime.
/// They read the process-wide live tensor count and RSS, so they run alone (see <see cref="LeakTestsCollection"/>).
/// </summary>
[Collection(LeakTestsCollection.Name)]
public sealed class LeakTests
{
    private const int WarmUpSteps = 20;
    private const int MeasuredSteps = 200;

    [Fact]
    public void Two_hundred_training_steps_in_dispose_scopes_keep_memory_flat()
    {
        torch.manual_seed(11);
        long liveBefore = SettledLiveCount();
        using (var model = new Sequential(
                   new Conv2d(1, 4, 3, padding: 1), new BatchNorm2d(4), new LeakyReLU(0.2),
                   new Conv2d(4, 4, 3, stride: 2, padding: 1), new LayerNorm([4, 4, 4]), new ReLU()))
        using (var head = new Linear(4 * 4 * 4, 3))
        using (var optimizer = new Adam(model.parameters().Concat(head.parameters()), lr: 1e-3))
        {
            void Step()
            {
                using var scope = torch.NewDisposeScope();
                var images = torch.randn(8, 1, 8, 8);
                var labels = torch.randint(0, 3, [8]);
                optimizer.zero_grad();
                var loss = Functional.cross_entropy(head.call(model.call(images).flatten(1)), labels);
                loss.backward();
                GradientClipping.clip_grad_norm_(optimizer.Parameters, 1.0);
                optimizer.step();
            }

            for (int i = 0; i < WarmUpSteps; i++)
                Step();
            long liveAfterWarmUp = SettledLiveCount();
            long rssAfterWarmUp = ResidentSetKiB();

            for (int i = 0; i < MeasuredSteps; i++)
                Step();

            Assert.Equal(liveAfterWarmUp, SettledLiveCount());
            long rssAfter = ResidentSetKiB();
            Assert.True(rssAfter <= rssAfterWarmUp * 1.10,
                $"RSS grew from {rssAfterWarmUp} KiB after warm-up to {rssAfter} KiB after {MeasuredSteps} more steps (> +10%).");
        }

        Assert.Equal(liveBefore, SettledLiveCount());
    }

    [Fact]
    public void Disposing_a_model_frees_every_tensor_it_registered_including_its_children()
    {
        long liveBefore = SettledLiveCount();
        var model = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2), new Sequential(new SelfAttention(4, 2), new Linear(4, 4)));
        Assert.True(TorchDiagnostics.LiveTensorCount > liveBefore);
        model.Dispose();
        Assert.Equal(liveBefore, TorchDiagnostics.LiveTensorCount);
    }

    // Frees tensors that earlier tests dropped without disposing, so the count only moves with this test.
    private static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return TorchDiagnostics.LiveTensorCount;
    }

    /// <summary>VmRSS of this process from /proc/self/status, in KiB.</summary>
    private static long ResidentSetKiB()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Runs after the parallel tests and alone, so no other test creates or frees tensors meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LeakTestsCollection
{
    public const string Name = "nn leak checks";
}
