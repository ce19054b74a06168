using DistillPlatform.Torch;

namespace DistillPlatform.Torch.Tests;

/// <summary>
/// Every operation computed here and by PyTorch (Reference/torch_reference.py, same case names, same inputs) must agree
/// in shape, dtype and values; differentiable cases also compare the gradients of
/// sum(flatten(output) * linspace(-1, 1, numel)) with respect to their inputs.
/// </summary>
public sealed class OpParityTests(PyTorchReference reference) : IClassFixture<PyTorchReference>
{
    private delegate Tensor[] Case(IReadOnlyDictionary<string, Tensor> i);

    private static Case One(Func<IReadOnlyDictionary<string, Tensor>, Tensor> body) => i => [body(i)];

    private static Case Seeded(Func<Tensor> body) => _ =>
    {
        torch.manual_seed(1234);
        return [body()];
    };

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["add"] = One(i => i["a"] + i["b"]),
        ["sub_scalar"] = One(i => i["a"] - 0.5),
        ["rsub_scalar"] = One(i => 2 - i["a"]),
        ["mul_broadcast"] = One(i => i["a"] * i["v4"]),
        ["div"] = One(i => i["a"] / i["p"]),
        ["rdiv_scalar"] = One(i => 3.0 / i["p"]),
        ["neg"] = One(i => -i["a"]),
        ["pow_scalar"] = One(i => i["p"].pow(1.5)),
        ["exp"] = One(i => torch.exp(i["a"])),
        ["log"] = One(i => torch.log(i["p"])),
        ["sqrt"] = One(i => torch.sqrt(i["p"])),
        ["sigmoid"] = One(i => torch.sigmoid(i["a"])),
        ["tanh"] = One(i => torch.tanh(i["a"])),
        ["relu"] = One(i => torch.relu(i["a"])),
        ["abs"] = One(i => torch.abs(i["a"])),
        ["sign"] = One(i => torch.sign(i["a"])),
        ["clamp"] = One(i => torch.clamp(i["a"], -0.3, 0.4)),
        ["maximum"] = One(i => torch.maximum(i["a"], i["b"])),
        ["minimum"] = One(i => torch.minimum(i["a"], i["b"])),
        ["where"] = One(i => torch.where(i["a"] > i["b"], i["a"], i["b"] * 2)),
        ["gt_scalar"] = One(i => i["a"] > 0.1),
        ["le_tensor"] = One(i => i["a"] <= i["b"]),
        ["masked_fill"] = One(i => i["a"].masked_fill(i["a"] < 0, -7.0)),
        ["int_add"] = One(_ => torch.arange(6) + 1),
        ["int_add_real"] = One(_ => torch.arange(6) + 1.5),
        ["matmul"] = One(i => i["a"].matmul(i["c"])),
        ["mm"] = One(i => torch.mm(i["a"], i["c"])),
        ["bmm"] = One(i => torch.bmm(i["batch_a"], i["batch_b"])),
        ["matmul_batched"] = One(i => torch.matmul(i["batch_a"], i["c"])),
        ["sum_all"] = One(i => i["a"].sum()),
        ["sum_dim"] = One(i => i["a"].sum(1)),
        ["sum_dims_keepdim"] = One(i => i["batch_a"].sum([0, 2], keepdim: true)),
        ["mean_dim"] = One(i => i["a"].mean(0)),
        ["mean_all"] = One(i => i["a"].mean()),
        ["max_all"] = One(i => i["a"].max()),
        ["max_dim"] = i => { var (values, indexes) = i["a"].max(1); return [values, indexes]; },
        ["min_dim_keepdim"] = i => { var (values, indexes) = i["a"].min(0, keepdim: true); return [values, indexes]; },
        ["amax"] = One(i => i["batch_a"].amax([1, 2])),
        ["argmax_dim"] = One(i => i["a"].argmax(1)),
        ["argmin_all"] = One(i => i["a"].argmin()),
        ["std_all"] = One(i => i["a"].std()),
        ["std_dim_biased"] = One(i => i["a"].std(1, unbiased: false)),
        ["var_dim_keepdim"] = One(i => i["a"].var(0, keepdim: true)),
        ["logsumexp"] = One(i => torch.logsumexp(i["a"], 1)),
        ["norm_all"] = One(i => i["a"].norm()),
        ["norm_dims_p1"] = One(i => i["batch_a"].norm([1, 2], p: 1)),
        ["cumsum"] = One(i => i["a"].cumsum(1)),
        ["reshape"] = One(i => i["a"].reshape(2, -1)),
        ["view"] = One(i => i["a"].view(4, 3)),
        ["permute"] = One(i => i["batch_a"].permute(2, 0, 1)),
        ["transpose"] = One(i => i["batch_a"].transpose(0, 2)),
        ["t"] = One(i => i["a"].t()),
        ["squeeze_unsqueeze"] = One(i => i["a"].unsqueeze(1).unsqueeze(0).squeeze()),
        ["squeeze_dim"] = One(i => i["a"].unsqueeze(2).squeeze(2)),
        ["expand"] = One(i => i["v4"].unsqueeze(0).expand(3, 4)),
        ["repeat"] = One(i => i["v4"].repeat(2, 2)),
        ["flatten"] = One(i => i["batch_a"].flatten(1)),
        ["flip"] = One(i => i["a"].flip(1)),
        ["cat"] = One(i => torch.cat([i["a"], i["b"]], 1)),
        ["stack"] = One(i => torch.stack([i["a"], i["b"]], 0)),
        ["narrow"] = One(i => i["a"].narrow(1, 1, 2)),
        ["slice_step"] = One(i => i["a"].slice(1, 0, 4, 2)),
        ["select_index"] = One(i => i["batch_a"][1, 2]),
        ["index_select"] = One(i => i["a"].index_select(1, torch.tensor(new long[] { 3, 0, 3 }))),
        ["gather"] = One(i => i["a"].gather(1, torch.tensor(new long[] { 0, 1, 2, 3, 1, 1 }, [3, 2]))),
        ["index_mask"] = One(i => i["a"][i["a"].select(1, 0) > 0]),
        ["index_positions"] = One(i => i["a"][torch.tensor(new long[] { 2, 0 })]),
        ["split"] = i => i["a"].split(3, 1),
        ["chunk"] = i => i["a"].chunk(2, 0),
        ["linspace"] = One(_ => torch.linspace(-1, 2, 7)),
        ["arange_real"] = One(_ => torch.arange(0, 1, 0.25)),
        ["eye"] = One(_ => torch.eye(3, 4)),
        ["full_int"] = One(_ => torch.full([2, 2], 3)),
        ["erf"] = One(i => torch.erf(i["a"])),
        ["outer"] = One(i => torch.outer(i["v4"], i["v4"] * 2)),
        ["tril"] = One(i => i["a"].tril()),
        ["triu"] = One(i => i["a"].triu()),
        ["rpow_scalar"] = One(i => torch.pow(2, i["a"])),
        ["sort"] = i => { var (values, indices) = i["a"].sort(1, descending: true); return [values, indices]; },
        ["argsort"] = One(i => i["a"].argsort(0)),
        ["topk"] = i => { var (values, indices) = i["a"].topk(2, 1); return [values, indices]; },
        ["topk_smallest"] = i => { var (values, indices) = i["a"].topk(3, 0, largest: false); return [values, indices]; },
        ["scatter"] = One(i => torch.zeros(3, 5).scatter(1, ScatterIndex(), i["a"].slice(1, 0, 2))),
        ["scatter_add"] = One(i => torch.zeros(3, 5).scatter_add(1, ScatterIndex(), i["a"].slice(1, 0, 2))),
        ["bincount"] = One(_ => torch.tensor(new long[] { 1, 3, 3, 0, 3 }).bincount(minlength: 6)),
        ["nonzero"] = One(i => (i["a"] > 0).nonzero()),
        ["lerp_"] = One(i => i["a"].clone().lerp_(i["b"], 0.25)),
        ["seed_randn"] = Seeded(() => torch.randn(3, 4)),
        ["seed_rand"] = Seeded(() => torch.rand(5)),
        ["seed_randint"] = Seeded(() => torch.randint(0, 10, [8])),
        ["seed_multinomial"] = Seeded(() => torch.multinomial(torch.tensor(new[] { 0.1f, 0.2f, 0.7f }), 6, replacement: true)),
        ["seed_normal_"] = Seeded(() => torch.empty(6).normal_(2.0, 0.5)),
        ["seed_uniform_"] = Seeded(() => torch.empty(6).uniform_(-3, 3)),
        ["gradient_penalty"] = GradientPenalty,
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Matches_pytorch_forward_and_gradients(string name)
    {
        Assert.True(reference.Cases.TryGetValue(name, out var expected), $"torch_reference.py has no case '{name}'");
        using var scope = torch.NewDisposeScope();
        var inputs = reference.FreshInputs(expected.GradientInputs);
        var outputs = Cases[name](inputs);

        Assert.Equal(expected.Outputs.Count, outputs.Length);
        for (var k = 0; k < outputs.Length; k++)
        {
            PyTorchReference.AssertClose(expected.Outputs[k], outputs[k], $"{name} output {k}");
        }

        if (expected.GradientInputs.Count == 0)
        {
            return;
        }

        var output = outputs.Single();
        (output.flatten() * torch.linspace(-1, 1, output.numel())).sum().backward();
        for (var k = 0; k < expected.GradientInputs.Count; k++)
        {
            var input = expected.GradientInputs[k];
            var gradient = inputs[input].grad;
            Assert.NotNull(gradient);
            PyTorchReference.AssertClose(expected.Gradients[k], gradient, $"{name} d/d{input}");
        }
    }

    [Fact]
    public void Every_pytorch_case_has_a_csharp_twin()
    {
        Assert.Equal(reference.Cases.Keys.Order(), Cases.Keys.Order());
    }

    private static Tensor ScatterIndex() => torch.tensor(new long[] { 0, 4, 2, 2, 1, 3 }, [3, 2]);

    // WGAN-GP: gradient of a tiny critic w.r.t. its input with create_graph, penalty on its norm, backward into the
    // critic's weights — a double backward through tanh and matmul.
    private static Tensor[] GradientPenalty(IReadOnlyDictionary<string, Tensor> i)
    {
        var w1 = i["w1"].clone().requires_grad_();
        var w2 = i["w2"].clone().requires_grad_();
        var x = i["x"].clone().requires_grad_();
        var critic = torch.tanh(x.matmul(w1)).matmul(w2);
        var gradX = torch.autograd.grad([critic.sum()], [x], create_graph: true)[0];
        var penalty = (gradX.norm([1]) - 1).pow(2).mean();
        penalty.backward();
        return [gradX.detach(), penalty.detach(), w1.grad!, w2.grad!];
    }
}
