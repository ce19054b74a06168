using DistillPlatform.Torch;

namespace DistillPlatform.Torch.Tests;

/// <summary>Threads, generator state and the backend description.</summary>
public sealed class RuntimeTests
{
    [Fact]
    public void Thread_count_can_be_changed_and_read_back()
    {
        var original = torch.get_num_threads();
        try
        {
            torch.set_num_threads(1);
            Assert.Equal(1, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(original);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => torch.set_num_threads(0));
    }

    [Fact]
    public void Restoring_the_generator_state_replays_the_same_samples()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        torch.randn(10);
        var state = torch.get_rng_state();
        var first = torch.randn(5).ToArray<float>();
        var uniform = torch.rand(3).ToArray<float>();
        torch.manual_seed(99);
        torch.set_rng_state(state);
        Assert.Equal(first, torch.randn(5).ToArray<float>());
        Assert.Equal(uniform, torch.rand(3).ToArray<float>());
    }

    [Fact]
    public void Backend_info_reports_version_blas_and_threads()
    {
        var info = torch.BackendInfo();
        Assert.StartsWith("1.13", info.LibTorchVersion);
        Assert.Equal(torch.get_num_threads(), info.Threads);
        Assert.Contains(info.BlasLibraries, path => Path.GetFileName(path).StartsWith("libopenblas", StringComparison.Ordinal)
                                                    || Path.GetFileName(path).StartsWith("libblas", StringComparison.Ordinal));
        Assert.False(info.CudaAvailable);
        Assert.Contains("threads", info.ToString());
    }
}
