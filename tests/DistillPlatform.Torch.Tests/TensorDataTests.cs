using DistillPlatform.Torch;

namespace DistillPlatform.Torch.Tests;

/// <summary>Creation from .NET data, metadata, conversions and reading values back.</summary>
public sealed class TensorDataTests
{
    [Fact]
    public void Array_round_trips_with_shape_and_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, [2, 3]);
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal(Device.CPU, t.device);
        Assert.Equal(6, t.numel());
        Assert.Equal(3, t.size(-1));
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], t.ToArray<float>());
        Assert.Equal(6f, t[1, 2].item<float>());
    }

    [Fact]
    public void Every_supported_element_type_round_trips()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal([1.5, -2.25], torch.tensor(new[] { 1.5, -2.25 }).ToArray<double>());
        Assert.Equal([long.MaxValue, -3L], torch.tensor(new[] { long.MaxValue, -3L }).ToArray<long>());
        Assert.Equal([7, -8], torch.tensor(new[] { 7, -8 }).ToArray<int>());
        Assert.Equal([true, false, true], torch.tensor(new[] { true, false, true }).ToArray<bool>());
        Assert.Equal(ScalarType.Bool, torch.tensor(new[] { true }).dtype);
    }

    [Fact]
    public void One_element_array_stays_one_dimensional_while_scalars_are_zero_dimensional()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal([1L], torch.tensor(new[] { 5f }).shape);
        Assert.Empty(torch.tensor(5f).shape);
        Assert.Equal(5L, torch.tensor(5L).item<long>());
    }

    [Fact]
    public void Empty_tensors_round_trip()
    {
        using var scope = torch.NewDisposeScope();
        var empty = torch.tensor(Array.Empty<float>(), [0, 3]);
        Assert.Equal([0L, 3L], empty.size());
        Assert.Empty(empty.ToArray<float>());
    }

    [Fact]
    public void Multidimensional_arrays_keep_their_shape()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.from_array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal(4f, t[1, 0].item<float>());
        var spans = torch.from_span<double>([1, 2, 3, 4], [2, 2]);
        Assert.Equal(ScalarType.Float64, spans.dtype);
        Span<double> copy = stackalloc double[4];
        spans.t().CopyTo(copy);
        Assert.Equal([1.0, 3.0, 2.0, 4.0], copy.ToArray());
    }

    [Fact]
    public void Conversion_changes_dtype_and_keeps_values()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new[] { 1.7f, -2.2f });
        Assert.Equal([1.7f, -2.2f], t.to(torch.float64).ToArray<double>().Select(v => (float)v));
        Assert.Equal([1L, -2L], t.to(torch.int64).ToArray<long>());
        Assert.Equal(ScalarType.Float64, torch.tensor(new[] { 1f }, dtype: torch.float64).dtype);
        Assert.Equal(ScalarType.Float64, t.@double().dtype);
        Assert.Equal(ScalarType.Float32, t.@long().@float().dtype);
        Assert.Equal([true, true], t.@bool().ToArray<bool>());
    }

    [Fact]
    public void Factories_follow_pytorch_default_types()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(ScalarType.Float32, torch.zeros(2).dtype);
        Assert.Equal(ScalarType.Int64, torch.arange(5).dtype);
        Assert.Equal(ScalarType.Float32, torch.arange(0, 2, 0.5).dtype);
        Assert.Equal(ScalarType.Int64, torch.full([2], 3).dtype);
        Assert.Equal(ScalarType.Float32, torch.full([2], 3.0).dtype);
        Assert.Equal(ScalarType.Bool, torch.full([2], true).dtype);
        Assert.Equal(ScalarType.Float64, torch.ones([2], dtype: torch.float64).dtype);
        Assert.Equal([0L, 1L, 2L, 3L], torch.arange(4).ToArray<long>());
        Assert.Equal([7f, 7f], torch.full_like(torch.zeros(2), 7).ToArray<float>());
        Assert.Equal([1f, 1f, 1f], torch.ones_like(torch.empty(3)).ToArray<float>());
        Assert.True(torch.zeros([3], requires_grad: true).requires_grad);
    }

    [Fact]
    public void Integral_scalars_keep_integer_arithmetic_and_real_scalars_promote()
    {
        using var scope = torch.NewDisposeScope();
        var ints = torch.arange(3);
        Assert.Equal(ScalarType.Int64, (ints * 2).dtype);
        Assert.Equal(ScalarType.Float32, (ints * 2.0).dtype);
        Assert.Equal([2L, 1L, 0L], (2 - ints).ToArray<long>());
        Assert.Equal([0L, -1L, -2L], ints.sub(ints, alpha: 2).ToArray<long>());
        Assert.Equal([0L, 3L, 6L], ints.add(ints, alpha: 2).ToArray<long>());
    }

    [Fact]
    public void Whole_tensor_comparisons_and_printing()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 1f, 2f });
        Assert.True(a.equal(torch.tensor(new[] { 1f, 2f })));
        Assert.False(a.equal(torch.tensor(new[] { 1f, 2f, 3f })));
        Assert.True(a.allclose(a + 1e-7f));
        Assert.False(a.allclose(a + 1e-3f));
        Assert.Contains("1.5000", torch.tensor(new[] { 1.5f }).str());
    }

    [Fact]
    public void Item_needs_exactly_one_element()
    {
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<TorchException>(() => torch.zeros(2).item<float>());
        Assert.Contains("exactly one element", error.Message);
    }

    [Fact]
    public void Device_strings_parse_like_pytorch()
    {
        Assert.Equal(new Device(DeviceType.CUDA, 1), Device.Parse("cuda:1"));
        Assert.Equal(Device.CPU, torch.device("cpu"));
        Assert.Equal("cuda:1", Device.Parse("CUDA:1").ToString());
        Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
        Assert.Throws<ArgumentException>(() => Device.Parse("cuda:x"));
    }

    [Fact]
    public void In_place_updates_modify_the_tensor_and_return_it()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.ones(3);
        var returned = t.mul_(4).add_(torch.ones(3), alpha: 0.5).sub_(1);
        Assert.Same(t, returned);
        Assert.Equal([3.5f, 3.5f, 3.5f], t.ToArray<float>());
        t.addcmul_(torch.full([3], 2.0), torch.full([3], 3.0), value: 0.5).addcdiv_(torch.ones(3), torch.full([3], 4.0));
        Assert.Equal([6.75f, 6.75f, 6.75f], t.ToArray<float>());
        t.clamp_(max: 5).div_(2);
        Assert.Equal([2.5f, 2.5f, 2.5f], t.ToArray<float>());
        t.copy_(torch.arange(3)).zero_().fill_(9);
        Assert.Equal([9f, 9f, 9f], t.ToArray<float>());
    }
}
