namespace DistillPlatform.OnnxRuntime.Tests;

/// <summary>Runs the PyTorch-exported tiny encoder through ONNX Runtime and compares with PyTorch's outputs.</summary>
[Collection(TinyEncoderCollection.Name)]
public sealed class OnnxSessionTests : IDisposable
{
    private const float Tolerance = 1e-4f;
    private static readonly OnnxSessionOptions SingleThreaded = new() { IntraOpThreads = 1 };

    private readonly TinyEncoderExport _export;
    private readonly OnnxEnvironment _environment = new(OnnxLoggingLevel.Error, "session-tests");

    public OnnxSessionTests(TinyEncoderExport export)
    {
        _export = export;
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void Describes_inputs_and_outputs_with_dynamic_axes()
    {
        using var session = OnnxSession.Open(_environment, _export.ModelPath, SingleThreaded);

        var input = Assert.Single(session.Inputs);
        Assert.Equal("waveform", input.Name);
        Assert.Equal(OnnxValueType.Tensor, input.ValueType);
        Assert.Equal(OnnxElementType.Float, input.ElementType);
        Assert.Equal([-1L, -1L], input.Shape);
        Assert.Equal(["batch", "samples"], input.SymbolicShape);

        Assert.Equal(_export.OutputNames, session.Outputs.Select(o => o.Name));
        foreach (var output in session.Outputs)
        {
            Assert.Equal(OnnxElementType.Float, output.ElementType);
            Assert.Equal([-1L, -1L, _export.Dimensions], output.Shape);
            Assert.Equal(["batch", "frames", ""], output.SymbolicShape);
        }

        Assert.Equal(OnnxExecutionProvider.Cpu, session.ExecutionProvider);
    }

    [Fact]
    public void Batched_run_matches_pytorch_for_every_hidden_state()
    {
        using var session = OnnxSession.Open(_environment, _export.ModelPath, SingleThreaded);
        var shape = _export.Cases["batch2"].InputShape;

        var outputs = session.Run([new OnnxFloatInput("waveform", _export.Input("batch2"), shape)]);

        Assert.Equal(_export.OutputNames, outputs.Select(o => o.Name));
        foreach (var output in outputs)
        {
            Assert.Equal(_export.Cases["batch2"].OutputShape, output.Shape);
            AssertClose(_export.Expected("batch2", output.Name), output.Values);
        }
    }

    [Fact]
    public void Span_run_with_selected_outputs_returns_them_in_the_requested_order()
    {
        using var session = OnnxSession.Open(_environment, _export.ModelPath, SingleThreaded);
        var waveform = _export.Input("single");

        var outputs = session.Run("waveform", waveform, [1, waveform.Length], ["hidden_state_2", "hidden_state_0"]);

        Assert.Equal(["hidden_state_2", "hidden_state_0"], outputs.Select(o => o.Name));
        Assert.Equal(_export.Cases["single"].OutputShape, outputs[0].Shape);
        AssertClose(_export.Expected("single", "hidden_state_2"), outputs[0].Values);
        AssertClose(_export.Expected("single", "hidden_state_0"), outputs[1].Values);
    }

    [Fact]
    public void Session_from_bytes_without_graph_optimisation_matches_pytorch()
    {
        var options = SingleThreaded with { OptimizationLevel = OnnxGraphOptimizationLevel.Disabled };
        using var session = OnnxSession.FromBytes(_environment, File.ReadAllBytes(_export.ModelPath), options);
        var waveform = _export.Input("single");

        var output = Assert.Single(session.Run("waveform", waveform, [1, waveform.Length], ["hidden_state_1"]));

        AssertClose(_export.Expected("single", "hidden_state_1"), output.Values);
    }

    [Fact]
    public void Concurrent_runs_on_one_session_all_match_pytorch()
    {
        using var session = OnnxSession.Open(_environment, _export.ModelPath, SingleThreaded);
        var waveform = _export.Input("single");
        var expected = _export.Expected("single", "hidden_state_2");

        var results = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => session.Run("waveform", waveform, [1, waveform.Length], ["hidden_state_2"])[0].Values)
            .ToArray();

        foreach (var result in results) AssertClose(expected, result);
    }

    [Fact]
    public void Wrong_input_rank_is_rejected_by_onnx_runtime_with_its_message()
    {
        using var session = OnnxSession.Open(_environment, _export.ModelPath, SingleThreaded);
        var waveform = _export.Input("single");

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run("waveform", waveform, [waveform.Length]));

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("rank", error.OrtMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("waveform", error.OrtMessage);
    }

    [Fact]
    public void Input_length_that_does_not_fit_the_shape_is_rejected_before_calling_onnx_runtime()
    {
        using var session = OnnxSession.Open(_environment, _export.ModelPath, SingleThreaded);

        var error = Assert.Throws<ArgumentException>(() => session.Run("waveform", new float[1000], [2, 1000]));

        Assert.Contains("1000 values", error.Message);
        Assert.Contains("needs 2000", error.Message);
    }

    [Fact]
    public void Unknown_input_and_output_names_list_the_real_ones()
    {
        using var session = OnnxSession.Open(_environment, _export.ModelPath, SingleThreaded);

        var badInput = Assert.Throws<ArgumentException>(() => session.Run("audio", new float[4000], [1, 4000]));
        var badOutput = Assert.Throws<ArgumentException>(
            () => session.Run("waveform", new float[4000], [1, 4000], ["logits"]));

        Assert.Contains("'audio'", badInput.Message);
        Assert.Contains("waveform", badInput.Message);
        Assert.Contains("'logits'", badOutput.Message);
        Assert.Contains("hidden_state_0", badOutput.Message);
    }

    [Fact]
    public void Missing_model_file_is_reported_with_its_path()
    {
        var missing = Path.Combine(_export.Directory, "absent.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => OnnxSession.Open(_environment, missing));

        Assert.Equal(missing, error.FileName);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Corrupt_model_bytes_are_rejected_by_onnx_runtime()
    {
        var model = File.ReadAllBytes(_export.ModelPath);
        var corrupt = model.Take(model.Length / 3).Concat(Enumerable.Repeat((byte)0xFF, 64)).ToArray();

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.FromBytes(_environment, corrupt));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.ErrorCode);
    }

    [Fact]
    public void Corrupt_model_file_is_rejected_by_onnx_runtime()
    {
        var path = Path.Combine(_export.Directory, "corrupt.onnx");
        File.WriteAllText(path, "this is not an ONNX protobuf");

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Open(_environment, path));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.ErrorCode);
    }

    [Fact]
    public void Empty_model_bytes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => OnnxSession.FromBytes(_environment, Array.Empty<byte>()));
    }

    [Fact]
    public void Cuda_is_used_only_when_its_provider_library_is_installed()
    {
        var preferCuda = SingleThreaded with { ExecutionProvider = OnnxExecutionProvider.CudaIfAvailable };
        using (var session = OnnxSession.Open(_environment, _export.ModelPath, preferCuda))
        {
            var expected = OnnxRuntimeLibrary.IsCudaProviderLibraryPresent ? OnnxExecutionProvider.Cuda : OnnxExecutionProvider.Cpu;
            Assert.Equal(expected, session.ExecutionProvider);
        }

        var requireCuda = SingleThreaded with { ExecutionProvider = OnnxExecutionProvider.Cuda };
        if (OnnxRuntimeLibrary.IsCudaProviderLibraryPresent)
        {
            using var session = OnnxSession.Open(_environment, _export.ModelPath, requireCuda);
            Assert.Equal(OnnxExecutionProvider.Cuda, session.ExecutionProvider);
        }
        else
        {
            var error = Assert.Throws<InvalidOperationException>(
                () => OnnxSession.Open(_environment, _export.ModelPath, requireCuda));
            Assert.Contains(OnnxRuntimeLibrary.CudaProviderLibraryPaths[^1], error.Message);
        }
    }

    [Fact]
    public void Negative_thread_count_is_rejected()
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(
            () => OnnxSession.Open(_environment, _export.ModelPath, new OnnxSessionOptions { IntraOpThreads = -1 }));
    }

    [Fact]
    public void Disposed_session_refuses_to_run_and_outlives_a_disposed_environment()
    {
        var environment = new OnnxEnvironment(OnnxLoggingLevel.Error, "dispose-test");
        var session = OnnxSession.Open(environment, _export.ModelPath, SingleThreaded);
        environment.Dispose();
        var waveform = _export.Input("single");

        var stillRuns = session.Run("waveform", waveform, [1, waveform.Length], ["hidden_state_0"]);
        session.Dispose();
        session.Dispose();

        AssertClose(_export.Expected("single", "hidden_state_0"), stillRuns[0].Values);
        Assert.Throws<ObjectDisposedException>(() => session.Run("waveform", waveform, [1, waveform.Length]));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= Tolerance, $"largest difference from PyTorch is {worst}, above {Tolerance}");
    }
}
