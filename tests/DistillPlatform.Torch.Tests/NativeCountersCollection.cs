namespace DistillPlatform.Torch.Tests;

/// <summary>
/// Tests that read process-wide native counters (TorchDiagnostics.LiveTensorCount) join this collection: it runs
/// alone, after the parallel tests, so no other test creates or frees tensors meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeCountersCollection
{
    public const string Name = "Native counters";
}
