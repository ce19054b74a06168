using DistillPlatform.Torch;

namespace DistillPlatform.Torch.Tests;

/// <summary>libtorch failures surface as TorchException with libtorch's message, and the process keeps working.</summary>
public sealed class ErrorTests
{
    private static void AssertStillWorks()
    {
        using var scope = torch.NewDisposeScope();
        var sum = (torch.ones(2, 2) * 3).sum().item<float>();
        Assert.Equal(12f, sum);
    }

    private static void AssertTorchError(Action action, string expectedFragment)
    {
        var error = Assert.Throws<TorchException>(action);
        Assert.Contains(expectedFragment, error.Message, StringComparison.OrdinalIgnoreCase);
        AssertStillWorks();
    }

    [Fact]
    public void Broadcast_shape_mismatch_names_both_sizes()
    {
        using var scope = torch.NewDisposeScope();
        AssertTorchError(() => _ = torch.ones(3, 4) + torch.ones(5), "must match the size of tensor b (5)");
    }

    [Fact]
    public void Matrix_product_shape_mismatch()
    {
        using var scope = torch.NewDisposeScope();
        AssertTorchError(() => torch.mm(torch.ones(2, 3), torch.ones(4, 5)), "cannot be multiplied");
    }

    [Fact]
    public void Float_index_tensor_is_rejected()
    {
        using var scope = torch.NewDisposeScope();
        AssertTorchError(() => torch.ones(3, 4).index_select(0, torch.ones(2)), "index");
    }

    [Fact]
    public void Reading_values_with_the_wrong_element_type_is_rejected()
    {
        using var scope = torch.NewDisposeScope();
        AssertTorchError(() => torch.ones(3).ToArray<double>(), "Float32");
    }

    [Fact]
    public void Integer_tensors_cannot_require_grad()
    {
        using var scope = torch.NewDisposeScope();
        AssertTorchError(() => torch.arange(3).requires_grad_(), "floating point");
    }

    [Fact]
    public void Out_of_range_indices_are_rejected()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.zeros(3, 4);
        AssertTorchError(() => _ = t[5], "out of range");
        AssertTorchError(() => t.narrow(1, 2, 5), "exceeds dimension size");
        AssertTorchError(() => t.gather(1, torch.tensor(new long[] { 9, 0, 0 }, [3, 1])), "out of bounds");
        AssertTorchError(() => t.sum(7), "out of range");
    }

    [Fact]
    public void View_of_a_non_contiguous_tensor_is_rejected()
    {
        using var scope = torch.NewDisposeScope();
        AssertTorchError(() => torch.zeros(3, 4).t().view(12), "view size is not compatible");
    }

    [Fact]
    public void Backward_of_a_non_scalar_needs_a_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(3).requires_grad_();
        AssertTorchError(() => (x * 2).backward(), "scalar outputs");
    }

    [Fact]
    public void In_place_change_of_a_leaf_that_requires_grad_is_rejected_outside_no_grad()
    {
        using var scope = torch.NewDisposeScope();
        var weight = torch.ones(3).requires_grad_();
        AssertTorchError(() => weight.add_(1), "leaf Variable that requires grad");
        using (torch.no_grad())
        {
            weight.add_(1);
        }

        Assert.Equal([2f, 2f, 2f], weight.detach().ToArray<float>());
    }

    [Fact]
    public void Cuda_device_is_passed_to_libtorch_which_reports_it_missing()
    {
        Assert.False(torch.cuda.is_available());
        AssertTorchError(() => torch.zeros([2], device: torch.device("cuda:0")), "CUDA");
    }

    [Fact]
    public void Foreign_generator_state_is_rejected()
    {
        AssertTorchError(() => torch.set_rng_state(new byte[10]), "state");
    }

    [Fact]
    public void Using_a_disposed_tensor_throws_ObjectDisposedException()
    {
        var t = torch.ones(2);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.sum());
        AssertStillWorks();
    }

    [Fact]
    public void Data_that_does_not_fill_the_shape_is_rejected_before_reaching_libtorch()
    {
        var error = Assert.Throws<ArgumentException>(() => torch.tensor(new float[5], [2, 3]));
        Assert.Contains("needs 6 values but 5 were given", error.Message);
    }
}
