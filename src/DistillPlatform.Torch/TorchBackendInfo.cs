namespace DistillPlatform.Torch;

/// <summary>
/// What the process is computing with: libtorch's version, the BLAS libraries mapped into the process (OpenBLAS's
/// core type matters a lot for speed), the intra-op thread count and whether CUDA is usable.
/// </summary>
public sealed record TorchBackendInfo(
    string LibTorchVersion,
    IReadOnlyList<string> BlasLibraries,
    int Threads,
    string? OpenBlasCoreType,
    bool CudaAvailable)
{
    public override string ToString() =>
        $"libtorch {LibTorchVersion}, BLAS {(BlasLibraries.Count == 0 ? "none mapped" : string.Join(" + ", BlasLibraries))}, " +
        $"threads {Threads}, OPENBLAS_CORETYPE={OpenBlasCoreType ?? "(unset)"}, CUDA {(CudaAvailable ? "available" : "unavailable")}";
}
