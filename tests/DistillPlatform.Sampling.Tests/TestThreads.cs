using System.Runtime.CompilerServices;
using DistillPlatform.Torch;

namespace DistillPlatform.Sampling.Tests;

internal static class TestThreads
{
    /// <summary>
    /// The models here are tiny and the machine is shared: one intra-op thread avoids threads spinning while they wait
    /// for each other, which makes small-tensor work many times slower on a busy machine.
    /// </summary>
#pragma warning disable CA2255 // A test assembly, not a library: configuring the runtime once at load is the intent.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseOneTorchThread() => torch.set_num_threads(1);
}
