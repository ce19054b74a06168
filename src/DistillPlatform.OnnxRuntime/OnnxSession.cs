using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using DistillPlatform.OnnxRuntime.Native;

namespace DistillPlatform.OnnxRuntime;

/// <summary>
/// A loaded ONNX model ready to run (OrtSession). Describes its inputs and outputs, and runs it on float32 tensors
/// that wrap the caller's memory without copying. <see cref="Run(IReadOnlyList{OnnxFloatInput}, IReadOnlyList{string}?)"/>
/// may be called from several threads at once, as ONNX Runtime allows.
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private readonly OrtSessionHandle _handle;
    private readonly OrtEnvHandle _environment;
    private readonly NativeNames _inputNames;
    private readonly NativeNames _outputNames;
    private bool _disposed;

    private OnnxSession(OrtSessionHandle handle, OrtEnvHandle environment, OnnxExecutionProvider executionProvider)
    {
        _handle = handle;
        _environment = environment;
        ExecutionProvider = executionProvider;
        Inputs = ReadTensorInfos(isInput: true);
        Outputs = ReadTensorInfos(isInput: false);
        _inputNames = new NativeNames(Inputs.Select(i => i.Name));
        _outputNames = new NativeNames(Outputs.Select(o => o.Name));
    }

    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    /// <summary>The execution provider the session was created with: <see cref="OnnxExecutionProvider.Cpu"/> or
    /// <see cref="OnnxExecutionProvider.Cuda"/> (a <see cref="OnnxExecutionProvider.CudaIfAvailable"/> request resolves to one of them).</summary>
    public OnnxExecutionProvider ExecutionProvider { get; }

    /// <summary>Loads a model file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime cannot load the model (e.g. not an ONNX protobuf).</exception>
    public static unsafe OnnxSession Open(OnnxEnvironment environment, string modelPath, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX model file '{modelPath}' does not exist.", modelPath);
        }

        // ORTCHAR_T is wchar_t on Windows and UTF-8 char elsewhere.
        var pathBytes = OperatingSystem.IsWindows()
            ? Encoding.Unicode.GetBytes(modelPath + "\0")
            : Encoding.UTF8.GetBytes(modelPath + "\0");
        return Create(environment, options ?? new OnnxSessionOptions(), (api, env, sessionOptions) =>
        {
            IntPtr session;
            fixed (byte* path = pathBytes)
            {
                api.Check(api.CreateSession(env, path, sessionOptions, &session));
            }

            return session;
        });
    }

    /// <summary>Loads a model from its serialized bytes.</summary>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime cannot load the model (e.g. not an ONNX protobuf).</exception>
    public static unsafe OnnxSession FromBytes(OnnxEnvironment environment, ReadOnlyMemory<byte> model, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (model.IsEmpty) throw new ArgumentException("The ONNX model bytes are empty.", nameof(model));

        return Create(environment, options ?? new OnnxSessionOptions(), (api, env, sessionOptions) =>
        {
            IntPtr session;
            using var pin = model.Pin();
            api.Check(api.CreateSessionFromArray(env, pin.Pointer, (nuint)model.Length, sessionOptions, &session));
            return session;
        });
    }

    /// <summary>Runs the model on float32 inputs and returns the requested float32 outputs.</summary>
    /// <param name="inputs">One entry per graph input; each is pinned and wrapped, not copied.</param>
    /// <param name="outputNames">Outputs to compute, in the order wanted; null for all, in graph order.</param>
    /// <exception cref="ArgumentException">An input or output name is unknown, or an input's length does not match its shape.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the inputs (wrong rank, type, ...) or failed while running.</exception>
    public unsafe IReadOnlyList<OnnxFloatTensor> Run(IReadOnlyList<OnnxFloatInput> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var inputIndices = new int[inputs.Count];
        var pins = new MemoryHandle[inputs.Count];
        var values = new OrtValueHandle?[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                inputIndices[i] = IndexOf(Inputs, input.Name, "input");
                pins[i] = input.Data.Pin();
                var shape = input.Shape.ToArray();
                values[i] = CreateFloatTensor(input.Name, (float*)pins[i].Pointer, input.Data.Length, shape);
            }

            return RunCore(inputIndices, values!, outputNames);
        }
        finally
        {
            foreach (var value in values) value?.Dispose();
            foreach (var pin in pins) pin.Dispose();
        }
    }

    /// <summary>Runs a single-input model on a float32 span, which is pinned for the run and not copied.</summary>
    /// <inheritdoc cref="Run(IReadOnlyList{OnnxFloatInput}, IReadOnlyList{string}?)"/>
    public unsafe IReadOnlyList<OnnxFloatTensor> Run(
        string inputName, ReadOnlySpan<float> data, ReadOnlySpan<long> shape, IReadOnlyList<string>? outputNames = null)
    {
        var inputIndex = IndexOf(Inputs, inputName, "input");
        fixed (float* pinned = data)
        {
            using var value = CreateFloatTensor(inputName, pinned, data.Length, shape.ToArray());
            return RunCore([inputIndex], [value], outputNames);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _handle.Dispose();
        _environment.DangerousRelease();
        _inputNames.Dispose();
        _outputNames.Dispose();
    }

    private static OnnxSession Create(
        OnnxEnvironment environment, OnnxSessionOptions options, Func<OrtApi, IntPtr, IntPtr, IntPtr> createSession)
    {
        var api = OnnxRuntimeLibrary.Api;
        var (sessionOptions, provider) = CreateNativeOptions(api, options);
        using (sessionOptions)
        {
            // The session uses its environment's logger, so the environment must outlive it.
            var environmentReferenced = false;
            environment.Handle.DangerousAddRef(ref environmentReferenced);
            try
            {
                var session = OrtHandle.Own<OrtSessionHandle>(
                    createSession(api, environment.Handle.Pointer, sessionOptions.Pointer));
                try
                {
                    return new OnnxSession(session, environment.Handle, provider);
                }
                catch
                {
                    session.Dispose();
                    throw;
                }
            }
            catch
            {
                environment.Handle.DangerousRelease();
                throw;
            }
        }
    }

    private static unsafe (OrtSessionOptionsHandle Handle, OnnxExecutionProvider Provider) CreateNativeOptions(
        OrtApi api, OnnxSessionOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads, nameof(options.IntraOpThreads));
        IntPtr raw;
        api.Check(api.CreateSessionOptions(&raw));
        var handle = OrtHandle.Own<OrtSessionOptionsHandle>(raw);
        try
        {
            if (options.IntraOpThreads > 0) api.Check(api.SetIntraOpNumThreads(raw, options.IntraOpThreads));
            api.Check(api.SetSessionGraphOptimizationLevel(raw, options.OptimizationLevel));
            var provider = ResolveProvider(options.ExecutionProvider);
            if (provider == OnnxExecutionProvider.Cuda) AppendCuda(api, raw, options.CudaDeviceId);
            return (handle, provider);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static OnnxExecutionProvider ResolveProvider(OnnxExecutionProvider requested)
    {
        if (requested == OnnxExecutionProvider.Cpu) return OnnxExecutionProvider.Cpu;
        if (OnnxRuntimeLibrary.IsCudaProviderLibraryPresent) return OnnxExecutionProvider.Cuda;
        if (requested == OnnxExecutionProvider.CudaIfAvailable) return OnnxExecutionProvider.Cpu;
        throw new InvalidOperationException(
            "The CUDA execution provider was requested, but " +
            string.Join(" and ", OnnxRuntimeLibrary.CudaProviderLibraryPaths.Where(p => !File.Exists(p)).Select(p => $"'{p}'")) +
            $" do not exist. Install an ONNX Runtime {OnnxRuntimeLibrary.Version} GPU build next to '{OnnxRuntimeLibrary.LibraryPath}', " +
            "or use OnnxExecutionProvider.Cpu / CudaIfAvailable.");
    }

    internal static unsafe void AppendCuda(OrtApi api, IntPtr sessionOptions, int deviceId)
    {
        IntPtr raw;
        api.Check(api.CreateCUDAProviderOptions(&raw));
        using var cudaOptions = OrtHandle.Own<OrtCudaProviderOptionsHandle>(raw);
        using var keys = new NativeNames(["device_id"]);
        using var values = new NativeNames([deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        fixed (IntPtr* keyPointers = keys.Pointers)
        fixed (IntPtr* valuePointers = values.Pointers)
        {
            api.Check(api.UpdateCUDAProviderOptions(raw, (byte**)keyPointers, (byte**)valuePointers, 1));
        }

        api.Check(api.SessionOptionsAppendExecutionProvider_CUDA_V2(sessionOptions, raw));
    }

    private unsafe OrtValueHandle CreateFloatTensor(string name, float* data, int length, long[] shape)
    {
        long expected = 1;
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"Input '{name}' has a negative dimension in shape [{string.Join(", ", shape)}].");
            }

            expected *= dimension;
        }

        if (expected != length)
        {
            throw new ArgumentException(
                $"Input '{name}' has {length} values but its shape [{string.Join(", ", shape)}] needs {expected}.");
        }

        var api = OnnxRuntimeLibrary.Api;
        IntPtr value;
        fixed (long* dimensions = shape)
        {
            api.Check(api.CreateTensorWithDataAsOrtValue(
                OnnxRuntimeLibrary.CpuMemoryInfo, data, (nuint)length * sizeof(float), dimensions, (nuint)shape.Length,
                OnnxElementType.Float, &value));
        }

        return OrtHandle.Own<OrtValueHandle>(value);
    }

    private unsafe IReadOnlyList<OnnxFloatTensor> RunCore(
        int[] inputIndices, OrtValueHandle[] inputValues, IReadOnlyList<string>? outputNames)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var outputIndices = outputNames is null
            ? Enumerable.Range(0, Outputs.Count).ToArray()
            : outputNames.Select(n => IndexOf(Outputs, n, "output")).ToArray();

        var inputNamePointers = inputIndices.Select(i => _inputNames.Pointers[i]).ToArray();
        var inputValuePointers = inputValues.Select(v => v.Pointer).ToArray();
        var outputNamePointers = outputIndices.Select(i => _outputNames.Pointers[i]).ToArray();
        var outputValuePointers = new IntPtr[outputIndices.Length];
        var outputs = new OrtValueHandle[outputIndices.Length];

        var api = OnnxRuntimeLibrary.Api;
        var sessionReferenced = false;
        _handle.DangerousAddRef(ref sessionReferenced);
        try
        {
            fixed (IntPtr* inNames = inputNamePointers)
            fixed (IntPtr* inValues = inputValuePointers)
            fixed (IntPtr* outNames = outputNamePointers)
            fixed (IntPtr* outValues = outputValuePointers)
            {
                var status = api.Run(
                    _handle.Pointer, IntPtr.Zero, inNames, inValues, (nuint)inputIndices.Length,
                    outNames, (nuint)outputIndices.Length, outValues);
                // Own whatever ORT produced before checking the status, so nothing leaks on failure.
                for (var i = 0; i < outputs.Length; i++) outputs[i] = OrtHandle.Own<OrtValueHandle>(outValues[i]);
                api.Check(status);
            }

            return outputIndices.Select((index, i) => ReadFloatTensor(Outputs[index].Name, outputs[i])).ToArray();
        }
        finally
        {
            foreach (var output in outputs) output?.Dispose();
            if (sessionReferenced) _handle.DangerousRelease();
        }
    }

    private static unsafe OnnxFloatTensor ReadFloatTensor(string name, OrtValueHandle value)
    {
        var api = OnnxRuntimeLibrary.Api;
        OnnxValueType valueType;
        api.Check(api.GetValueType(value.Pointer, &valueType));
        if (valueType != OnnxValueType.Tensor)
        {
            throw new NotSupportedException($"Output '{name}' is a {valueType}; OnnxSession.Run reads tensors only.");
        }

        IntPtr rawInfo;
        api.Check(api.GetTensorTypeAndShape(value.Pointer, &rawInfo));
        using var info = OrtHandle.Own<OrtTensorTypeAndShapeInfoHandle>(rawInfo);
        var (elementType, shape, _) = ReadTensorShape(api, rawInfo);
        if (elementType != OnnxElementType.Float)
        {
            throw new NotSupportedException($"Output '{name}' holds {elementType} elements; OnnxSession.Run reads float outputs only.");
        }

        var count = checked((int)shape.Aggregate(1L, (product, d) => product * d));
        void* data;
        api.Check(api.GetTensorMutableData(value.Pointer, &data));
        return new OnnxFloatTensor(name, shape, new ReadOnlySpan<float>(data, count).ToArray());
    }

    private unsafe OnnxTensorInfo[] ReadTensorInfos(bool isInput)
    {
        var api = OnnxRuntimeLibrary.Api;
        var session = _handle.Pointer;
        nuint count;
        api.Check(isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count));
        IntPtr allocator;
        api.Check(api.GetAllocatorWithDefaultOptions(&allocator));

        var infos = new OnnxTensorInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            api.Check(isInput
                ? api.SessionGetInputName(session, i, allocator, &rawName)
                : api.SessionGetOutputName(session, i, allocator, &rawName));
            var name = Marshal.PtrToStringUTF8((IntPtr)rawName) ?? "";
            api.Check(api.AllocatorFree(allocator, rawName));

            IntPtr rawTypeInfo;
            api.Check(isInput
                ? api.SessionGetInputTypeInfo(session, i, &rawTypeInfo)
                : api.SessionGetOutputTypeInfo(session, i, &rawTypeInfo));
            using var typeInfo = OrtHandle.Own<OrtTypeInfoHandle>(rawTypeInfo);
            infos[(int)i] = DescribeTypeInfo(api, name, rawTypeInfo);
        }

        return infos;
    }

    private static unsafe OnnxTensorInfo DescribeTypeInfo(OrtApi api, string name, IntPtr typeInfo)
    {
        OnnxValueType valueType;
        api.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, &valueType));
        if (valueType != OnnxValueType.Tensor)
        {
            return new OnnxTensorInfo(name, valueType, OnnxElementType.Undefined, [], []);
        }

        // The tensor view belongs to typeInfo and is released with it.
        IntPtr tensorInfo;
        api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
        var (elementType, shape, symbolicShape) = ReadTensorShape(api, tensorInfo);
        return new OnnxTensorInfo(name, valueType, elementType, shape, symbolicShape);
    }

    private static unsafe (OnnxElementType ElementType, long[] Shape, string[] SymbolicShape) ReadTensorShape(
        OrtApi api, IntPtr tensorInfo)
    {
        OnnxElementType elementType;
        api.Check(api.GetTensorElementType(tensorInfo, &elementType));
        nuint rank;
        api.Check(api.GetDimensionsCount(tensorInfo, &rank));
        var shape = new long[(int)rank];
        var symbols = new IntPtr[(int)rank];
        fixed (long* dimensions = shape)
        fixed (IntPtr* symbolPointers = symbols)
        {
            api.Check(api.GetDimensions(tensorInfo, dimensions, rank));
            api.Check(api.GetSymbolicDimensions(tensorInfo, (byte**)symbolPointers, rank));
        }

        var symbolicShape = symbols.Select(s => s == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(s) ?? "").ToArray();
        return (elementType, shape, symbolicShape);
    }

    private static int IndexOf(IReadOnlyList<OnnxTensorInfo> infos, string name, string kind)
    {
        for (var i = 0; i < infos.Count; i++)
        {
            if (infos[i].Name == name) return i;
        }

        throw new ArgumentException(
            $"The model has no {kind} named '{name}'. Its {kind}s are: {string.Join(", ", infos.Select(i => i.Name))}.");
    }
}
