using DistillPlatform.Torch.nn;
using F = DistillPlatform.Torch.nn.Functional;

namespace DistillPlatform.Torch.Tests;

/// <summary>
/// Every functional op against torch.nn.functional on the same inputs: forward values and the gradients of a fixed
/// weighted sum of the output with respect to each differentiable input (functional_cases() in ModuleReference.py).
/// </summary>
[Collection(ModuleReferenceCollection.Name)]
public sealed class FunctionalParityTests(ModuleReferenceFixture reference)
{
    /// <summary>The same calls as functional_cases(); losses are reshaped to [1] exactly as the Python side does.</summary>
    private static Tensor Apply(string name, IReadOnlyDictionary<string, Tensor> x) => name switch
    {
        "softmax" => F.softmax(x["input"], 1),
        "log_softmax" => F.log_softmax(x["input"], -1),
        "cross_entropy_mean" => F.cross_entropy(x["input"], x["target"]).reshape(1),
        "cross_entropy_weighted_mean" => F.cross_entropy(x["input"], x["target"], weight: x["class_weight"]).reshape(1),
        "cross_entropy_weighted_sum" => F.cross_entropy(x["input"], x["target"], weight: x["class_weight"], reduction: Reduction.Sum).reshape(1),
        "cross_entropy_none" => F.cross_entropy(x["input"], x["target"], reduction: Reduction.None),
        "kl_div_batchmean" => F.kl_div(x["input"], x["target"], batchmean: true).reshape(1),
        "kl_div_log_target_sum" => F.kl_div(x["input"], x["target"], Reduction.Sum, log_target: true).reshape(1),
        "mse_loss" => F.mse_loss(x["input"], x["target"]).reshape(1),
        "l1_loss_sum" => F.l1_loss(x["input"], x["target"], Reduction.Sum).reshape(1),
        "pad_constant" => F.pad(x["input"], [1, 2, 0, 3], value: 0.5),
        "pad_reflect" => F.pad(x["input"], [2, 1], PaddingMode.Reflect),
        "leaky_relu" => F.leaky_relu(x["input"], 0.3),
        "layer_norm" => F.layer_norm(x["input"], [5], x["weight"], x["bias"], 1e-5),
        "batch_norm_train" => F.batch_norm(x["input"], null, null, x["weight"], x["bias"], training: true),
        "linear" => F.linear(x["input"], x["weight"], x["bias"]),
        "conv1d" => F.conv1d(x["input"], x["weight"], x["bias"], stride: 1, padding: 2, dilation: 2),
        "conv2d" => F.conv2d(x["input"], x["weight"], x["bias"], stride: (2, 2), padding: (1, 1)),
        "conv_transpose2d" => F.conv_transpose2d(x["input"], x["weight"], x["bias"], stride: (2, 2), padding: (1, 1), output_padding: (1, 1)),
        "interpolate_nearest" => F.interpolate(x["input"], scale_factor: 2, mode: UpsampleMode.Nearest),
        "interpolate_bilinear" => F.interpolate(x["input"], size: (5, 7), mode: UpsampleMode.Bilinear, align_corners: true),
        _ => throw new ArgumentException($"No call for case {name}."),
    };

    [Theory]
    [InlineData("softmax")]
    [InlineData("log_softmax")]
    [InlineData("cross_entropy_mean")]
    [InlineData("cross_entropy_weighted_mean")]
    [InlineData("cross_entropy_weighted_sum")]
    [InlineData("cross_entropy_none")]
    [InlineData("kl_div_batchmean")]
    [InlineData("kl_div_log_target_sum")]
    [InlineData("mse_loss")]
    [InlineData("l1_loss_sum")]
    [InlineData("pad_constant")]
    [InlineData("pad_reflect")]
    [InlineData("leaky_relu")]
    [InlineData("layer_norm")]
    [InlineData("batch_norm_train")]
    [InlineData("linear")]
    [InlineData("conv1d")]
    [InlineData("conv2d")]
    [InlineData("conv_transpose2d")]
    [InlineData("interpolate_nearest")]
    [InlineData("interpolate_bilinear")]
    public void Forward_and_gradients_match_pytorch(string name)
    {
        using var scope = torch.NewDisposeScope();
        var data = reference.Load("functional_" + name);
        var inputs = data.Where(e => !e.Key.StartsWith("grad", StringComparison.Ordinal) && e.Key != "output")
            .ToDictionary(e => e.Key, e => data.ContainsKey("grad." + e.Key) ? e.Value.clone().requires_grad_() : e.Value);

        var output = Apply(name, inputs);
        ModuleAssert.Close(data["output"], output, $"{name} output");

        (output * data["grad_output"]).sum().backward();
        foreach (var (inputName, input) in inputs.Where(e => e.Value.requires_grad))
            ModuleAssert.Close(data["grad." + inputName], input.grad, $"{name} gradient of {inputName}");
    }

    [Fact]
    public void One_hot_matches_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        var data = reference.Load("functional_one_hot");
        ModuleAssert.Exact(data["output"], F.one_hot(data["input"], 6), "one_hot");
    }

    [Fact]
    public void Training_dropout_draws_the_same_mask_as_pytorch_for_the_same_seed()
    {
        using var scope = torch.NewDisposeScope();
        var data = reference.Load("functional_dropout_train");
        torch.manual_seed(99);
        ModuleAssert.Exact(data["output"], F.dropout(data["input"], 0.4, training: true), "dropout");
    }

    [Fact]
    public void Invalid_arguments_fail_with_clear_messages()
    {
        using var scope = torch.NewDisposeScope();
        var image = torch.zeros(1, 1, 2, 2);
        Assert.Contains("exactly one of size and scale_factor", Assert.Throws<ArgumentException>(() => F.interpolate(image)).Message);
        Assert.Contains("pairs", Assert.Throws<ArgumentException>(() => F.pad(image, [1, 2, 3])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.dropout(image, 1.5));
        var logits = torch.zeros(2, 3);
        var badTarget = torch.tensor(new long[] { 0, 7 });
        Assert.Contains("out of bounds", Assert.Throws<TorchException>(() => F.cross_entropy(logits, badTarget)).Message);
    }
}
