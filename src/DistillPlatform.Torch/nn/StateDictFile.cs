using DistillPlatform.SafeTensors;

namespace DistillPlatform.Torch.nn;

/// <summary>
/// Reads and writes named tensors (a module's state dict, an optimizer's state) as safetensors files, the format
/// PyTorch tooling exchanges weights in. Supported element types: float32, float64, int64, int32, bool.
/// </summary>
public static class StateDictFile
{
    /// <summary>Writes <paramref name="tensors"/> (any device, any layout) to <paramref name="path"/>.</summary>
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var builder = new SafeTensorsBuilder();
        foreach (var (name, tensor) in tensors)
            TensorInterop.AddTo(builder, name, tensor);
        if (metadata is not null)
            foreach (var (key, value) in metadata)
                builder.WithMetadata(key, value);
        builder.Save(path);
    }

    /// <summary>Reads every tensor of a safetensors file; the caller owns (and disposes) the returned tensors.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        using var file = SafeTensorsFile.Open(path);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var info in file.Tensors)
                tensors.Add(info.Name, TensorInterop.ReadFrom(file, info));
        }
        catch
        {
            foreach (var tensor in tensors.Values)
                tensor.Dispose();
            throw;
        }
        return tensors;
    }
}
