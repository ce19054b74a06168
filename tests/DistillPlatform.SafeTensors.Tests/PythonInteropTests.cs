using DistillPlatform.SafeTensors;

namespace DistillPlatform.SafeTensors.Tests;

/// <summary>
/// Proves the files are readable from Python and vice versa. The Python side parses the format by hand with numpy
/// (8-byte length, JSON header, raw little-endian data), exactly as the safetensors spec describes it.
/// </summary>
public class PythonInteropTests
{
    private const string Reader = """
        import json, struct, sys, numpy as np
        raw = open(sys.argv[1], 'rb').read()
        n = struct.unpack('<Q', raw[:8])[0]
        header = json.loads(raw[8:8 + n])
        data = raw[8 + n:]
        types = {'F32': '<f4', 'F64': '<f8', 'I64': '<i8', 'BOOL': '?'}
        out = {}
        for name, info in header.items():
            if name == '__metadata__':
                out[name] = info
                continue
            b, e = info['data_offsets']
            arr = np.frombuffer(data[b:e], dtype=types[info['dtype']]).reshape(info['shape'])
            out[name] = {'shape': list(arr.shape), 'sum': float(arr.astype('f8').sum()), 'first': float(arr.flatten()[0])}
        print(json.dumps(out, sort_keys=True))
        """;

    private const string Writer = """
        import json, struct, sys, numpy as np
        w = (np.arange(12, dtype='<f4') * 0.5 - 1).reshape(3, 4)
        y = np.array([2, 0, 1], dtype='<i8')
        tensors = [('w', 'F32', w), ('y', 'I64', y)]
        header, blobs, offset = {'__metadata__': {'origin': 'python'}}, [], 0
        for name, dt, arr in tensors:
            b = arr.tobytes()
            header[name] = {'dtype': dt, 'shape': list(arr.shape), 'data_offsets': [offset, offset + len(b)]}
            blobs.append(b); offset += len(b)
        h = json.dumps(header).encode()
        open(sys.argv[1], 'wb').write(struct.pack('<Q', len(h)) + h + b''.join(blobs))
        """;

    [Fact]
    public void Python_reads_a_file_written_in_csharp()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "from-csharp.safetensors");
        new SafeTensorsBuilder()
            .Add("features", Enumerable.Range(0, 24).Select(i => i * 0.25f).ToArray(), 2, 3, 4)
            .Add("labels", new long[] { 3, 1 }, 2)
            .Add("mask", new[] { true, false, true }, 3)
            .WithMetadata("kind", "real")
            .Save(path);

        string json = RunPython(Reader, path, directory.Path);

        using var result = System.Text.Json.JsonDocument.Parse(json);
        var root = result.RootElement;
        Assert.Equal("[2,3,4]", root.GetProperty("features").GetProperty("shape").GetRawText().Replace(" ", ""));
        Assert.Equal(Enumerable.Range(0, 24).Sum(i => i * 0.25), root.GetProperty("features").GetProperty("sum").GetDouble());
        Assert.Equal(4.0, root.GetProperty("labels").GetProperty("sum").GetDouble());
        Assert.Equal(2.0, root.GetProperty("mask").GetProperty("sum").GetDouble());
        Assert.Equal("real", root.GetProperty("__metadata__").GetProperty("kind").GetString());
    }

    [Fact]
    public void Csharp_reads_a_file_written_in_python()
    {
        using var directory = new TemporaryDirectory();
        string path = Path.Combine(directory.Path, "from-python.safetensors");
        RunPython(Writer, path, directory.Path);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i * 0.5f - 1), file.Read<float>("w"));
        Assert.Equal(new long[] { 3, 4 }, file.GetInfo("w").Shape);
        Assert.Equal(new long[] { 2, 0, 1 }, file.Read<long>("y"));
        Assert.Equal("python", file.Metadata["origin"]);
    }

    private static string RunPython(string script, string argument, string workingDirectory)
    {
        string scriptPath = Path.Combine(workingDirectory, "script.py");
        File.WriteAllText(scriptPath, script);
        return ReferencePython.Run(scriptPath, argument);
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("safetensors-py-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
