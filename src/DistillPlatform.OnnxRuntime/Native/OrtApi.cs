using System.Runtime.InteropServices;

namespace DistillPlatform.OnnxRuntime.Native;

/// <summary>
/// The subset of ONNX Runtime's <c>OrtApi</c> function table (onnxruntime_c_api.h) that DistillPlatform uses, read as
/// unmanaged function pointers. The table is a C struct of function pointers that only ever grows at its end, so a
/// function's slot index never changes once released; the indices below were counted from the header of
/// ORT_API_VERSION 30 and are checked by tests that call each function and observe its result.
/// </summary>
internal sealed unsafe class OrtApi
{
    /// <summary>The API version requested from <c>OrtApiBase.GetApi</c>: ONNX Runtime 1.30's ORT_API_VERSION.</summary>
    public const uint Version = 30;

    /// <summary>Zero-based positions of the functions in <c>struct OrtApi</c>.</summary>
    private static class Slot
    {
        public const int CreateStatus = 0;
        public const int GetErrorCode = 1;
        public const int GetErrorMessage = 2;
        public const int CreateEnv = 3;
        public const int CreateSession = 7;
        public const int CreateSessionFromArray = 8;
        public const int Run = 9;
        public const int CreateSessionOptions = 10;
        public const int SetSessionGraphOptimizationLevel = 23;
        public const int SetIntraOpNumThreads = 24;
        public const int SessionGetInputCount = 30;
        public const int SessionGetOutputCount = 31;
        public const int SessionGetInputTypeInfo = 33;
        public const int SessionGetOutputTypeInfo = 34;
        public const int SessionGetInputName = 36;
        public const int SessionGetOutputName = 37;
        public const int CreateTensorWithDataAsOrtValue = 49;
        public const int GetTensorMutableData = 51;
        public const int CastTypeInfoToTensorInfo = 55;
        public const int GetOnnxTypeFromTypeInfo = 56;
        public const int GetTensorElementType = 60;
        public const int GetDimensionsCount = 61;
        public const int GetDimensions = 62;
        public const int GetSymbolicDimensions = 63;
        public const int GetTensorTypeAndShape = 65;
        public const int GetValueType = 67;
        public const int CreateCpuMemoryInfo = 69;
        public const int MemoryInfoGetName = 71;
        public const int AllocatorFree = 76;
        public const int GetAllocatorWithDefaultOptions = 78;
        public const int ReleaseEnv = 92;
        public const int ReleaseStatus = 93;
        public const int ReleaseMemoryInfo = 94;
        public const int ReleaseSession = 95;
        public const int ReleaseValue = 96;
        public const int ReleaseTypeInfo = 98;
        public const int ReleaseTensorTypeAndShapeInfo = 99;
        public const int ReleaseSessionOptions = 100;
        public const int GetAvailableProviders = 125;
        public const int ReleaseAvailableProviders = 126;
        public const int SessionOptionsAppendExecutionProvider_CUDA_V2 = 204;
        public const int CreateCUDAProviderOptions = 205;
        public const int UpdateCUDAProviderOptions = 206;
        public const int ReleaseCUDAProviderOptions = 208;
        public const int GetBuildInfoString = 254;
    }

    // Pointer types: every Ort* object is an opaque IntPtr, OrtStatus* is returned as IntPtr (null = success),
    // size_t is nuint, char strings are UTF-8 byte*.
    public readonly delegate* unmanaged<OrtErrorCode, byte*, IntPtr> CreateStatus;
    public readonly delegate* unmanaged<IntPtr, OrtErrorCode> GetErrorCode;
    public readonly delegate* unmanaged<IntPtr, byte*> GetErrorMessage;
    public readonly delegate* unmanaged<OnnxLoggingLevel, byte*, IntPtr*, IntPtr> CreateEnv;
    public readonly delegate* unmanaged<IntPtr, void*, IntPtr, IntPtr*, IntPtr> CreateSession;
    public readonly delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateSessionOptions;
    public readonly delegate* unmanaged<IntPtr, OnnxGraphOptimizationLevel, IntPtr> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged<IntPtr, int, IntPtr> SetIntraOpNumThreads;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetInputCount;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> SessionGetOutputCount;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName;
    public readonly delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName;
    public readonly delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, OnnxElementType, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged<IntPtr, void**, IntPtr> GetTensorMutableData;
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged<IntPtr, OnnxValueType*, IntPtr> GetOnnxTypeFromTypeInfo;
    public readonly delegate* unmanaged<IntPtr, OnnxElementType*, IntPtr> GetTensorElementType;
    public readonly delegate* unmanaged<IntPtr, nuint*, IntPtr> GetDimensionsCount;
    public readonly delegate* unmanaged<IntPtr, long*, nuint, IntPtr> GetDimensions;
    public readonly delegate* unmanaged<IntPtr, byte**, nuint, IntPtr> GetSymbolicDimensions;
    public readonly delegate* unmanaged<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape;
    public readonly delegate* unmanaged<IntPtr, OnnxValueType*, IntPtr> GetValueType;
    public readonly delegate* unmanaged<OrtAllocatorType, OrtMemType, IntPtr*, IntPtr> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged<IntPtr, byte**, IntPtr> MemoryInfoGetName;
    public readonly delegate* unmanaged<IntPtr, void*, IntPtr> AllocatorFree;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseEnv;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseStatus;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSession;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseValue;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged<byte***, int*, IntPtr> GetAvailableProviders;
    public readonly delegate* unmanaged<byte**, int, IntPtr> ReleaseAvailableProviders;
    public readonly delegate* unmanaged<IntPtr, IntPtr, IntPtr> SessionOptionsAppendExecutionProvider_CUDA_V2;
    public readonly delegate* unmanaged<IntPtr*, IntPtr> CreateCUDAProviderOptions;
    public readonly delegate* unmanaged<IntPtr, byte**, byte**, nuint, IntPtr> UpdateCUDAProviderOptions;
    public readonly delegate* unmanaged<IntPtr, void> ReleaseCUDAProviderOptions;
    public readonly delegate* unmanaged<byte*> GetBuildInfoString;

    public OrtApi(IntPtr table)
    {
        var slots = (IntPtr*)table;
        CreateStatus = (delegate* unmanaged<OrtErrorCode, byte*, IntPtr>)slots[Slot.CreateStatus];
        GetErrorCode = (delegate* unmanaged<IntPtr, OrtErrorCode>)slots[Slot.GetErrorCode];
        GetErrorMessage = (delegate* unmanaged<IntPtr, byte*>)slots[Slot.GetErrorMessage];
        CreateEnv = (delegate* unmanaged<OnnxLoggingLevel, byte*, IntPtr*, IntPtr>)slots[Slot.CreateEnv];
        CreateSession = (delegate* unmanaged<IntPtr, void*, IntPtr, IntPtr*, IntPtr>)slots[Slot.CreateSession];
        CreateSessionFromArray = (delegate* unmanaged<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)slots[Slot.CreateSessionFromArray];
        Run = (delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)slots[Slot.Run];
        CreateSessionOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slots[Slot.CreateSessionOptions];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged<IntPtr, OnnxGraphOptimizationLevel, IntPtr>)slots[Slot.SetSessionGraphOptimizationLevel];
        SetIntraOpNumThreads = (delegate* unmanaged<IntPtr, int, IntPtr>)slots[Slot.SetIntraOpNumThreads];
        SessionGetInputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)slots[Slot.SessionGetInputCount];
        SessionGetOutputCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)slots[Slot.SessionGetOutputCount];
        SessionGetInputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)slots[Slot.SessionGetInputTypeInfo];
        SessionGetOutputTypeInfo = (delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)slots[Slot.SessionGetOutputTypeInfo];
        SessionGetInputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)slots[Slot.SessionGetInputName];
        SessionGetOutputName = (delegate* unmanaged<IntPtr, nuint, IntPtr, byte**, IntPtr>)slots[Slot.SessionGetOutputName];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, OnnxElementType, IntPtr*, IntPtr>)slots[Slot.CreateTensorWithDataAsOrtValue];
        GetTensorMutableData = (delegate* unmanaged<IntPtr, void**, IntPtr>)slots[Slot.GetTensorMutableData];
        CastTypeInfoToTensorInfo = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)slots[Slot.CastTypeInfoToTensorInfo];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged<IntPtr, OnnxValueType*, IntPtr>)slots[Slot.GetOnnxTypeFromTypeInfo];
        GetTensorElementType = (delegate* unmanaged<IntPtr, OnnxElementType*, IntPtr>)slots[Slot.GetTensorElementType];
        GetDimensionsCount = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)slots[Slot.GetDimensionsCount];
        GetDimensions = (delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)slots[Slot.GetDimensions];
        GetSymbolicDimensions = (delegate* unmanaged<IntPtr, byte**, nuint, IntPtr>)slots[Slot.GetSymbolicDimensions];
        GetTensorTypeAndShape = (delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)slots[Slot.GetTensorTypeAndShape];
        GetValueType = (delegate* unmanaged<IntPtr, OnnxValueType*, IntPtr>)slots[Slot.GetValueType];
        CreateCpuMemoryInfo = (delegate* unmanaged<OrtAllocatorType, OrtMemType, IntPtr*, IntPtr>)slots[Slot.CreateCpuMemoryInfo];
        MemoryInfoGetName = (delegate* unmanaged<IntPtr, byte**, IntPtr>)slots[Slot.MemoryInfoGetName];
        AllocatorFree = (delegate* unmanaged<IntPtr, void*, IntPtr>)slots[Slot.AllocatorFree];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slots[Slot.GetAllocatorWithDefaultOptions];
        ReleaseEnv = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseEnv];
        ReleaseStatus = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseStatus];
        ReleaseMemoryInfo = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseMemoryInfo];
        ReleaseSession = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseSession];
        ReleaseValue = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseValue];
        ReleaseTypeInfo = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseTypeInfo];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseTensorTypeAndShapeInfo];
        ReleaseSessionOptions = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseSessionOptions];
        GetAvailableProviders = (delegate* unmanaged<byte***, int*, IntPtr>)slots[Slot.GetAvailableProviders];
        ReleaseAvailableProviders = (delegate* unmanaged<byte**, int, IntPtr>)slots[Slot.ReleaseAvailableProviders];
        SessionOptionsAppendExecutionProvider_CUDA_V2 = (delegate* unmanaged<IntPtr, IntPtr, IntPtr>)slots[Slot.SessionOptionsAppendExecutionProvider_CUDA_V2];
        CreateCUDAProviderOptions = (delegate* unmanaged<IntPtr*, IntPtr>)slots[Slot.CreateCUDAProviderOptions];
        UpdateCUDAProviderOptions = (delegate* unmanaged<IntPtr, byte**, byte**, nuint, IntPtr>)slots[Slot.UpdateCUDAProviderOptions];
        ReleaseCUDAProviderOptions = (delegate* unmanaged<IntPtr, void>)slots[Slot.ReleaseCUDAProviderOptions];
        GetBuildInfoString = (delegate* unmanaged<byte*>)slots[Slot.GetBuildInfoString];
    }

    /// <summary>Turns a non-null <c>OrtStatus*</c> into an <see cref="OnnxRuntimeException"/> carrying ORT's code and
    /// message, releasing the status first. A null status means success.</summary>
    public void Check(IntPtr status)
    {
        if (status == IntPtr.Zero) return;
        var code = GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((IntPtr)GetErrorMessage(status)) ?? "";
        ReleaseStatus(status);
        throw new OnnxRuntimeException(code, message);
    }
}
