using DistillPlatform.OnnxRuntime;

namespace DistillPlatform.Features.Encoders;

/// <summary>
/// Which output(s) of an ONNX speech encoder become the frame features: one output chosen by name or position, or the
/// element-wise mean of several hidden-state outputs (a common SSL feature: the average over transformer layers).
/// </summary>
public sealed class OnnxOutputSelection
{
    private readonly string? _name;
    private readonly int _index;
    private readonly IReadOnlyList<string>? _meanOf;
    private readonly bool _meanOfAll;

    private OnnxOutputSelection(string? name, int index, IReadOnlyList<string>? meanOf, bool meanOfAll)
    {
        _name = name;
        _index = index;
        _meanOf = meanOf;
        _meanOfAll = meanOfAll;
    }

    /// <summary>The first output of the model.</summary>
    public static OnnxOutputSelection First { get; } = ByIndex(0);

    public static OnnxOutputSelection ByName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new OnnxOutputSelection(name, -1, null, false);
    }

    public static OnnxOutputSelection ByIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new OnnxOutputSelection(null, index, null, false);
    }

    /// <summary>Element-wise mean of the named outputs, which must all have the same shape.</summary>
    public static OnnxOutputSelection MeanOf(params string[] names)
    {
        if (names.Length == 0) throw new ArgumentException("Name at least one output to average.", nameof(names));
        return new OnnxOutputSelection(null, -1, names.ToArray(), false);
    }

    /// <summary>Element-wise mean of every output of the model.</summary>
    public static OnnxOutputSelection MeanOfAll { get; } = new(null, -1, null, true);

    /// <summary>The output names this selection stands for in <paramref name="outputs"/>, in model order for means.</summary>
    /// <exception cref="ArgumentException">A named output does not exist or the index is out of range.</exception>
    public IReadOnlyList<string> Resolve(IReadOnlyList<OnnxTensorInfo> outputs)
    {
        var names = outputs.Select(o => o.Name).ToArray();
        if (_meanOfAll) return names;
        if (_meanOf is not null)
        {
            foreach (var wanted in _meanOf) RequireOutput(names, wanted);
            return names.Where(_meanOf.Contains).ToArray();
        }

        if (_name is not null)
        {
            RequireOutput(names, _name);
            return [_name];
        }

        if (_index >= names.Length)
        {
            throw new ArgumentException(
                $"Output index {_index} is out of range: the model has {names.Length} outputs ({string.Join(", ", names)}).");
        }

        return [names[_index]];
    }

    public override string ToString() =>
        _meanOfAll ? "mean of all outputs"
        : _meanOf is not null ? $"mean of {string.Join(", ", _meanOf)}"
        : _name is not null ? $"output '{_name}'"
        : $"output #{_index}";

    private static void RequireOutput(string[] names, string wanted)
    {
        if (!names.Contains(wanted))
        {
            throw new ArgumentException($"The model has no output named '{wanted}'. Its outputs are: {string.Join(", ", names)}.");
        }
    }
}
