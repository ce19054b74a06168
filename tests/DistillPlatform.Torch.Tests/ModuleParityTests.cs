using DistillPlatform.Torch.nn;

namespace DistillPlatform.Torch.Tests;

/// <summary>
/// Each layer, loaded with the initial weights PyTorch used, must reproduce PyTorch's forward output, the gradient
/// with respect to its input and to every parameter, and (batch norm) the updated running statistics.
/// </summary>
[Collection(ModuleReferenceCollection.Name)]
public sealed class ModuleParityTests(ModuleReferenceFixture reference)
{
    /// <summary>The same constructions as module_cases() in Reference/ModuleReference.py.</summary>
    private static Module<Tensor, Tensor> Create(string name) => name switch
    {
        "linear" => new Linear(6, 5),
        "linear_nobias" => new Linear(6, 5, bias: false),
        "conv1d" => new Conv1d(3, 4, 3, stride: 2, padding: 1),
        "conv2d" => new Conv2d(2, 3, kernel_size: (3, 2), stride: (2, 1), padding: (1, 2), dilation: (2, 1)),
        "conv_transpose2d" => new ConvTranspose2d(3, 2, 4, stride: 2, padding: 1),
        "upsample_nearest" => new Upsample(2, UpsampleMode.Nearest),
        "upsample_bilinear" => new Upsample(2, UpsampleMode.Bilinear, align_corners: false),
        "layer_norm" => new LayerNorm([4, 5]),
        "batch_norm1d_train" => new BatchNorm1d(4),
        "batch_norm2d_train" => new BatchNorm2d(3),
        "batch_norm2d_eval" => Eval(new BatchNorm2d(3)),
        "leaky_relu" => new LeakyReLU(0.2),
        "relu" => new ReLU(),
        "dropout_eval" => Eval(new Dropout(0.5)),
        "sequential" => new Sequential(new Linear(5, 8), new LeakyReLU(0.1), new Linear(8, 3)),
        "multihead_attention" => new MultiheadAttention(8, 2, batch_first: true),
        "self_attention" => new SelfAttention(8, 2),
        _ => throw new ArgumentException($"No module for case {name}."),
    };

    private static Module<Tensor, Tensor> Eval(Module<Tensor, Tensor> module)
    {
        module.eval();
        return module;
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("linear_nobias")]
    [InlineData("conv1d")]
    [InlineData("conv2d")]
    [InlineData("conv_transpose2d")]
    [InlineData("upsample_nearest")]
    [InlineData("upsample_bilinear")]
    [InlineData("layer_norm")]
    [InlineData("batch_norm1d_train")]
    [InlineData("batch_norm2d_train")]
    [InlineData("batch_norm2d_eval")]
    [InlineData("leaky_relu")]
    [InlineData("relu")]
    [InlineData("dropout_eval")]
    [InlineData("sequential")]
    [InlineData("multihead_attention")]
    [InlineData("self_attention")]
    public void Forward_and_gradients_match_pytorch(string name)
    {
        using var scope = torch.NewDisposeScope();
        var data = reference.Load("module_" + name);
        using var module = Create(name);
        const string initial = "initial.";
        var initialState = data.Where(e => e.Key.StartsWith(initial, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[initial.Length..], e => e.Value);
        module.load_state_dict(initialState, strict: true);

        var input = data["input"].clone().requires_grad_();
        var output = module.call(input);
        ModuleAssert.Close(data["output"], output, $"{name} output");

        (output * data["grad_output"]).sum().backward();
        ModuleAssert.Close(data["grad.input"], input.grad, $"{name} input gradient");
        foreach (var (parameterName, parameter) in module.named_parameters())
            ModuleAssert.Close(data["grad." + parameterName], parameter.grad, $"{name} gradient of {parameterName}");
        foreach (var (bufferName, buffer) in module.named_buffers())
            ModuleAssert.Close(data["final." + bufferName], buffer, $"{name} buffer {bufferName} after forward");
    }

    [Theory]
    [InlineData("init_linear")]
    [InlineData("init_conv1d")]
    [InlineData("init_conv2d")]
    [InlineData("init_conv_transpose2d")]
    [InlineData("init_multihead_attention")]
    public void Default_initialisation_matches_pytorch_for_the_same_seed(string name)
    {
        using var scope = torch.NewDisposeScope();
        var expected = reference.Load(name);
        torch.manual_seed(5); // INIT_SEED in ModuleReference.py
        using Module module = name switch
        {
            "init_linear" => new Linear(7, 3),
            "init_conv1d" => new Conv1d(3, 4, 5),
            "init_conv2d" => new Conv2d(2, 4, kernel_size: (3, 5), stride: (1, 1), padding: (0, 0), dilation: (1, 1)),
            "init_conv_transpose2d" => new ConvTranspose2d(3, 2, 4),
            _ => new MultiheadAttention(8, 2, batch_first: true),
        };
        var state = module.state_dict();
        Assert.Equal(expected.Keys.Order(), state.Select(e => e.Key).Order());
        foreach (var (key, tensor) in state)
            ModuleAssert.Exact(expected[key], tensor, $"{name} {key}");
    }

    [Fact]
    public void Training_and_eval_mode_propagate_to_children()
    {
        using var model = new Sequential(new Linear(2, 2), new Dropout(0.5), new Sequential(new BatchNorm1d(2)));
        model.eval();
        Assert.False(model[1].training);
        Assert.False(((Sequential)model[2])[0].training);
        model.train();
        Assert.True(((Sequential)model[2])[0].training);
    }

    [Fact]
    public void Parameters_are_named_like_pytorch_and_use_after_dispose_fails()
    {
        var model = new Sequential(new Conv2d(1, 2, 3), new BatchNorm2d(2), new SelfAttentionHolder());
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "2.block.norm.weight", "2.block.norm.bias", "2.block.attention.in_proj_weight",
             "2.block.attention.in_proj_bias", "2.block.attention.out_proj.weight", "2.block.attention.out_proj.bias"],
            model.named_parameters().Select(p => p.name));
        Assert.Equal(["1.running_mean", "1.running_var", "1.num_batches_tracked"], model.named_buffers().Select(b => b.name));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));

        model.Dispose();
        Assert.True(model[0] is Conv2d { weight.IsDisposed: true });
        Assert.Throws<ObjectDisposedException>(() => model.call(torch.zeros(1, 1, 3, 3)));
    }

    [Fact]
    public void Registered_tensors_survive_the_dispose_scope_they_were_created_in()
    {
        Linear layer;
        using (torch.NewDisposeScope())
            layer = new Linear(3, 2);
        using (layer)
        {
            Assert.False(layer.weight.IsDisposed);
            using var scope = torch.NewDisposeScope();
            Assert.Equal([4L, 2L], layer.call(torch.ones(4, 3)).shape);
        }
    }

    [Fact]
    public void Bad_arguments_fail_with_clear_messages()
    {
        Assert.Contains("groups=3", Assert.Throws<ArgumentException>(() => new Conv2d(4, 6, 3, groups: 3)).Message);
        Assert.Contains("num_heads", Assert.Throws<ArgumentException>(() => new MultiheadAttention(10, 3)).Message);
        using var norm = new BatchNorm2d(3);
        using var scope = torch.NewDisposeScope();
        Assert.Contains("4-D input", Assert.Throws<ArgumentException>(() => norm.call(torch.zeros(2, 3))).Message);
        using var linear = new Linear(3, 2);
        var error = Assert.Throws<TorchException>(() => linear.call(torch.zeros(2, 5)));
        Assert.Contains("shapes cannot be multiplied", error.Message);
    }

    /// <summary>A user-defined module with a child, as a model author would write it.</summary>
    private sealed class SelfAttentionHolder : Module<Tensor, Tensor>
    {
        private readonly SelfAttention _block;

        public SelfAttentionHolder() => _block = register_module("block", new SelfAttention(4, 2));

        public override Tensor forward(Tensor input) => _block.call(input);
    }
}
