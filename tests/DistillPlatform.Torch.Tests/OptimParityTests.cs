using DistillPlatform.Torch.nn;
using DistillPlatform.Torch.optim;

namespace DistillPlatform.Torch.Tests;

/// <summary>
/// Optimizer trajectories against torch.optim over 10 steps of the same two-layer regression (optimizer_cases() in
/// ModuleReference.py), resuming from saved optimizer state, and clip_grad_norm_.
/// </summary>
[Collection(ModuleReferenceCollection.Name)]
public sealed class OptimParityTests(ModuleReferenceFixture reference)
{
    private const int Steps = 10;

    /// <summary>The same hyperparameters as optimizer_cases().</summary>
    private static Optimizer Create(string name, IEnumerable<Tensor> parameters) => name switch
    {
        "optim_adam" => new Adam(parameters, lr: 0.01, betas: (0.8, 0.95), eps: 1e-7, weight_decay: 0.01),
        "optim_adamw" => new AdamW(parameters, lr: 0.01, betas: (0.9, 0.99), eps: 1e-8, weight_decay: 0.1),
        "optim_sgd" => new SGD(parameters, lr: 0.05, momentum: 0.9, weight_decay: 0.01),
        "optim_sgd_nesterov" => new SGD(parameters, lr: 0.05, momentum: 0.8, dampening: 0, nesterov: true),
        _ => throw new ArgumentException($"No optimizer for case {name}."),
    };

    private static Sequential NewModel() => new(new Linear(4, 6), new Tanh(), new Linear(6, 2));

    private static Dictionary<string, Tensor> Prefixed(Dictionary<string, Tensor> data, string prefix) =>
        data.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(e => e.Key[prefix.Length..], e => e.Value);

    private static void TrainStep(Sequential model, Optimizer optimizer, Dictionary<string, Tensor> data, int step)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var loss = Functional.mse_loss(model.call(data["input"]), data["target"]);
        loss.backward();
        optimizer.step();
        ModuleAssert.Close(data[$"loss.{step}"], loss.reshape(1), $"loss at step {step}");
    }

    private static void AssertState(Sequential model, Dictionary<string, Tensor> data, int step)
    {
        foreach (var (name, tensor) in model.state_dict())
            ModuleAssert.Close(data[$"step{step}.{name}"], tensor, $"{name} after step {step}");
    }

    [Theory]
    [InlineData("optim_adam")]
    [InlineData("optim_adamw")]
    [InlineData("optim_sgd")]
    [InlineData("optim_sgd_nesterov")]
    public void Ten_step_trajectory_matches_pytorch(string name)
    {
        using var scope = torch.NewDisposeScope();
        var data = reference.Load(name);
        using var model = NewModel();
        model.load_state_dict(Prefixed(data, "initial."));
        using var optimizer = Create(name, model.parameters());
        for (int step = 0; step < Steps; step++)
        {
            TrainStep(model, optimizer, data, step);
            AssertState(model, data, step);
        }
    }

    [Theory]
    [InlineData("optim_adam")]
    [InlineData("optim_sgd")]
    public void Training_resumed_from_saved_state_continues_the_same_trajectory(string name)
    {
        using var scope = torch.NewDisposeScope();
        var data = reference.Load(name);
        var folder = Directory.CreateTempSubdirectory("optim-resume-");
        try
        {
            var modelFile = Path.Combine(folder.FullName, "model.safetensors");
            var optimizerFile = Path.Combine(folder.FullName, "optimizer.safetensors");
            using (var model = NewModel())
            using (var optimizer = Create(name, model.parameters()))
            {
                model.load_state_dict(Prefixed(data, "initial."));
                for (int step = 0; step < Steps / 2; step++)
                    TrainStep(model, optimizer, data, step);
                model.save(modelFile);
                optimizer.save_state(optimizerFile);
            }

            using var resumedModel = NewModel();
            resumedModel.load(modelFile);
            using var resumedOptimizer = Create(name, resumedModel.parameters());
            resumedOptimizer.load_state(optimizerFile);
            for (int step = Steps / 2; step < Steps; step++)
                TrainStep(resumedModel, resumedOptimizer, data, step);
            AssertState(resumedModel, data, Steps - 1);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Loading_state_of_another_optimizer_kind_fails_clearly()
    {
        var folder = Directory.CreateTempSubdirectory("optim-kind-");
        try
        {
            using var model = NewModel();
            var path = Path.Combine(folder.FullName, "sgd.safetensors");
            using (var sgd = new SGD(model.parameters(), lr: 0.1, momentum: 0.9))
                sgd.save_state(path);
            using var adam = new Adam(model.parameters());
            var error = Assert.Throws<InvalidDataException>(() => adam.load_state(path));
            Assert.Contains("SGD state, not Adam state", error.Message);
            using var fewer = new Adam(model.parameters().Take(2));
            Assert.Throws<InvalidDataException>(() => fewer.load_state(path));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Optimizer_rejects_parameters_it_cannot_train()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Contains("empty parameter list", Assert.Throws<ArgumentException>(() => new Adam([])).Message);
        Assert.Contains("require grad", Assert.Throws<ArgumentException>(() => new SGD([torch.zeros(2)], lr: 0.1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([torch.zeros(2).requires_grad_()], betas: (1.0, 0.9)));
    }

    [Fact]
    public void Clip_grad_norm_matches_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        var data = reference.Load("optim_clip_grad_norm");
        var parameters = new[] { torch.zeros(3, 4).requires_grad_(), torch.zeros(5).requires_grad_() };
        for (int i = 0; i < parameters.Length; i++)
            parameters[i].grad = data[$"grad_before.{i}"].clone();

        var totalNorm = GradientClipping.clip_grad_norm_(parameters, max_norm: 2.0);

        ModuleAssert.Close(data["total_norm"], totalNorm.reshape(1), "total norm");
        for (int i = 0; i < parameters.Length; i++)
            ModuleAssert.Close(data[$"grad_after.{i}"], parameters[i].grad, $"clipped gradient {i}");
    }
}
