using System.Text.Json;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Torch.Tests;

/// <summary>
/// State dicts: bit-exact safetensors round trip, interoperability with files PyTorch-side code writes and reads,
/// and clear errors for state that does not fit the module.
/// </summary>
[Collection(ModuleReferenceCollection.Name)]
public sealed class StateDictTests(ModuleReferenceFixture reference) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("state-dict-");

    private string PathOf(string name) => Path.Combine(_folder.FullName, name);

    /// <summary>Same layout as state_dict_interop_case() in ModuleReference.py.</summary>
    private static Sequential NewConvNet() => new(new Conv2d(1, 2, 3), new BatchNorm2d(2), new LeakyReLU(0.2));

    /// <summary>Runs one training forward so batch norm's running statistics and counter differ from their defaults.</summary>
    private static void MoveBuffers(Sequential model)
    {
        using var scope = torch.NewDisposeScope();
        model.train();
        model.call(torch.randn(3, 1, 5, 5));
    }

    [Fact]
    public void Save_then_load_reproduces_every_tensor_bit_for_bit()
    {
        torch.manual_seed(1);
        using var original = NewConvNet();
        MoveBuffers(original);
        original.save(PathOf("model.safetensors"));

        torch.manual_seed(2);
        using var restored = NewConvNet();
        var result = restored.load(PathOf("model.safetensors"));

        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        var expected = original.state_dict();
        var actual = restored.state_dict();
        Assert.Equal(expected.Select(e => e.Key), actual.Select(e => e.Key));
        for (int i = 0; i < expected.Count; i++)
            ModuleAssert.Exact(expected[i].Value, actual[i].Value, expected[i].Key);
        Assert.Equal(1L, restored.named_buffers().Single(b => b.name == "1.num_batches_tracked").buffer.item<long>());
    }

    [Fact]
    public void File_written_in_csharp_is_read_by_python_with_the_same_values()
    {
        torch.manual_seed(3);
        using var model = NewConvNet();
        MoveBuffers(model);
        model.save(PathOf("for-python.safetensors"));

        var described = JsonDocument.Parse(ModuleReferenceFixture.RunScript("describe", PathOf("for-python.safetensors")));
        var tensors = described.RootElement.GetProperty("tensors");
        var state = model.state_dict();
        Assert.Equal(state.Select(e => e.Key).Order(), tensors.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (name, tensor) in state)
        {
            var entry = tensors.GetProperty(name);
            Assert.Equal(tensor.shape, entry.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()));
            if (tensor.dtype == ScalarType.Int64)
            {
                Assert.Equal("I64", entry.GetProperty("dtype").GetString());
                Assert.Equal(tensor.ToArray<long>(), entry.GetProperty("values").EnumerateArray().Select(v => v.GetInt64()));
            }
            else
            {
                Assert.Equal("F32", entry.GetProperty("dtype").GetString());
                // Python prints float32 values widened to double; narrowing back must give the very same float.
                Assert.Equal(tensor.ToArray<float>(), entry.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()));
            }
        }
    }

    [Fact]
    public void State_dict_written_by_pytorch_loads_strictly_and_reproduces_its_eval_output()
    {
        using var scope = torch.NewDisposeScope();
        using var model = NewConvNet();
        model.load(reference.CasePath("statedict_python_model"));
        model.eval();
        var check = reference.Load("statedict_python_model_check");
        ModuleAssert.Close(check["output"], model.call(check["input"]), "eval output of the PyTorch-trained model");
    }

    [Fact]
    public void Missing_and_unexpected_keys_are_listed_in_the_exception()
    {
        using var scope = torch.NewDisposeScope();
        using var model = NewConvNet();
        var state = model.state_dict().Where(e => e.Key != "1.running_var").ToDictionary(e => e.Key, e => e.Value.clone());
        state["2.weight"] = torch.zeros(1);

        var error = Assert.Throws<StateDictMismatchException>(() => model.load_state_dict(state));

        Assert.Equal(["1.running_var"], error.MissingKeys);
        Assert.Equal(["2.weight"], error.UnexpectedKeys);
        Assert.Contains("missing keys: 1.running_var", error.Message);
        Assert.Contains("unexpected keys: 2.weight", error.Message);

        var lenient = model.load_state_dict(state, strict: false);
        Assert.Equal(["1.running_var"], lenient.MissingKeys);
        Assert.Equal(["2.weight"], lenient.UnexpectedKeys);
    }

    [Fact]
    public void Mis_shaped_tensor_is_rejected_even_when_not_strict_and_nothing_is_modified()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Sequential(new Linear(4, 3), new Linear(3, 2));
        var before = model.state_dict().Select(e => e.Value.clone()).ToList();
        var state = model.state_dict().ToDictionary(e => e.Key, e => torch.ones(e.Value.shape));
        state["1.weight"] = torch.ones(2, 4);

        var error = Assert.Throws<StateDictMismatchException>(() => model.load_state_dict(state, strict: false));

        Assert.Contains("1.weight: expected [2, 3], got [2, 4]", error.Message);
        var after = model.state_dict();
        for (int i = 0; i < before.Count; i++)
            ModuleAssert.Exact(before[i], after[i].Value, after[i].Key);
    }

    [Fact]
    public void Loading_a_file_of_another_architecture_names_the_file()
    {
        using (var small = new Linear(2, 2))
            small.save(PathOf("linear.safetensors"));
        using var model = NewConvNet();
        var error = Assert.Throws<StateDictMismatchException>(() => model.load(PathOf("linear.safetensors")));
        Assert.Contains("linear.safetensors", error.Message);
        Assert.Contains("0.weight", error.Message);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
