using DistillPlatform.Torch;

namespace DistillPlatform.Torch.Tests;

/// <summary>Autograd behaviour checked against hand-computed derivatives (the op-by-op gradients are in OpParityTests).</summary>
public sealed class AutogradTests
{
    [Fact]
    public void Backward_accumulates_into_grad_until_cleared()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1f, 2f, 3f }, requires_grad: true);
        Assert.True(x.is_leaf);
        Assert.Null(x.grad);

        (x * x).sum().backward();                       // d/dx sum(x²) = 2x
        Assert.Equal([2f, 4f, 6f], x.grad!.ToArray<float>());
        (x * 3).sum().backward();                       // accumulates + 3
        Assert.Equal([5f, 7f, 9f], x.grad!.ToArray<float>());

        x.grad = null;
        Assert.Null(x.grad);
    }

    [Fact]
    public void Backward_with_an_explicit_gradient_computes_a_vector_jacobian_product()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1f, 2f }, requires_grad: true);
        (x * x).backward(torch.tensor(new[] { 10f, 100f }));
        Assert.Equal([20f, 400f], x.grad!.ToArray<float>());
    }

    [Fact]
    public void No_grad_stops_recording_and_restores_the_previous_mode()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(2).requires_grad_();
        Assert.True(torch.is_grad_enabled());
        using (torch.no_grad())
        {
            Assert.False(torch.is_grad_enabled());
            Assert.False((x * 2).requires_grad);
            using (torch.enable_grad())
            {
                Assert.True((x * 2).requires_grad);
            }

            Assert.False(torch.is_grad_enabled());
        }

        Assert.True(torch.is_grad_enabled());
        Assert.True((x * 2).requires_grad);
    }

    [Fact]
    public void Detach_cuts_the_graph_but_shares_storage()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(2).requires_grad_();
        var y = (x * 2).detach();
        Assert.False(y.requires_grad);
        var z = x * 2;
        z.detach_();
        Assert.False(z.requires_grad);
    }

    [Fact]
    public void Autograd_grad_leaves_dot_grad_untouched_and_supports_second_derivatives()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 2.0 }, requires_grad: true);
        var y = x.pow(3).sum();                         // y = x³
        var dy = torch.autograd.grad([y], [x], create_graph: true)[0];
        Assert.Equal(12.0, dy.item<double>());          // 3x² at 2
        var d2y = torch.autograd.grad([dy.sum()], [x])[0];
        Assert.Equal(12.0, d2y.item<double>());         // 6x at 2
        Assert.Null(x.grad);
    }

    [Fact]
    public void Autograd_grad_gives_zero_for_unused_inputs_only_when_allowed()
    {
        using var scope = torch.NewDisposeScope();
        var used = torch.ones(2).requires_grad_();
        var unused = torch.ones(3).requires_grad_();
        var y = (used * 5).sum();
        Assert.Throws<TorchException>(() => torch.autograd.grad([y], [used, unused], retain_graph: true));
        var grads = torch.autograd.grad([y], [used, unused], allow_unused: true);
        Assert.Equal([5f, 5f], grads[0].ToArray<float>());
        Assert.Equal([0f, 0f, 0f], grads[1].ToArray<float>());
    }

    [Fact]
    public void Retained_non_leaf_gradient_is_available()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(2).requires_grad_();
        var hidden = (x * 3).retain_grad();
        (hidden * hidden).sum().backward();             // d/dh h² = 2h = 6
        Assert.Equal([6f, 6f], hidden.grad!.ToArray<float>());
    }
}
