namespace DistillPlatform.SafeTensors;

/// <summary>
/// Collects whole in-memory tensors and writes them as one safetensors document. For data that does not fit in memory
/// use <see cref="SafeTensorsWriter"/> directly.
/// </summary>
public sealed class SafeTensorsBuilder
{
    private readonly List<(TensorDeclaration Declaration, Action<SafeTensorsWriter> WriteData)> _tensors = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    public SafeTensorsBuilder Add<T>(string name, ReadOnlyMemory<T> data, params long[] shape) where T : unmanaged
    {
        var declaration = TensorDeclaration.Of<T>(name, shape);
        if (declaration.ElementCount != data.Length)
            throw new ArgumentException($"Tensor \"{name}\": shape [{string.Join(", ", shape)}] needs {declaration.ElementCount} elements but {data.Length} were given.");
        _tensors.Add((declaration, writer => writer.Write(data.Span)));
        return this;
    }

    public SafeTensorsBuilder Add<T>(string name, T[] data, params long[] shape) where T : unmanaged =>
        Add(name, (ReadOnlyMemory<T>)data, shape);

    public SafeTensorsBuilder WithMetadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    public void WriteTo(Stream output, bool leaveOpen = true)
    {
        using var writer = SafeTensorsWriter.Create(output, _tensors.Select(t => t.Declaration).ToList(), _metadata, leaveOpen);
        foreach (var (_, writeData) in _tensors) writeData(writer);
        writer.Complete();
    }

    /// <summary>Writes to <paramref name="path"/> through a temporary file, so a crash never leaves a half-written file under the final name.</summary>
    public void Save(string path)
    {
        string temporary = path + ".partial-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                WriteTo(file, leaveOpen: true);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public byte[] ToArray()
    {
        using var buffer = new MemoryStream();
        WriteTo(buffer);
        return buffer.ToArray();
    }
}
