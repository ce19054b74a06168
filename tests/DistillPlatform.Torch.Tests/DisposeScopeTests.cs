using System.Runtime.CompilerServices;
using DistillPlatform.Torch;

namespace DistillPlatform.Torch.Tests;

[Collection(NativeCountersCollection.Name)]
public sealed class DisposeScopeTests
{
    // Frees tensors that earlier tests dropped without disposing, so the live count only moves with this test.
    private static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return TorchDiagnostics.LiveTensorCount;
    }

    [Fact]
    public void Disposing_a_scope_frees_every_native_tensor_created_inside()
    {
        var before = SettledLiveCount();
        Tensor inside;
        using (var scope = torch.NewDisposeScope())
        {
            var x = torch.randn(4, 4);
            inside = (x.matmul(x) + 1).relu().sum();
            Assert.Equal(5, scope.Count);
            Assert.Equal(before + 5, TorchDiagnostics.LiveTensorCount);
        }

        Assert.True(inside.IsDisposed);
        Assert.Equal(before, TorchDiagnostics.LiveTensorCount);
    }

    [Fact]
    public void Moved_and_detached_tensors_survive_their_scope()
    {
        var before = SettledLiveCount();
        Tensor moved;
        Tensor detached;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                moved = (torch.ones(3) * 2).MoveToOuterScope();
                detached = torch.zeros(2).DetachFromDisposeScope();
                Assert.Equal(1, inner.Count); // only the temporary ones(3)
            }

            Assert.False(moved.IsDisposed);
            Assert.False(detached.IsDisposed);
            Assert.Equal([2f, 2f, 2f], moved.ToArray<float>());
            Assert.Equal(1, outer.Count);
        }

        Assert.True(moved.IsDisposed);
        Assert.False(detached.IsDisposed);
        Assert.Equal(before + 1, TorchDiagnostics.LiveTensorCount);
        detached.Dispose();
        Assert.Equal(before, TorchDiagnostics.LiveTensorCount);
    }

    [Fact]
    public void Moving_out_of_the_outermost_scope_gives_ownership_to_the_caller()
    {
        var before = SettledLiveCount();
        Tensor result;
        using (torch.NewDisposeScope())
        {
            result = torch.arange(4).MoveToOuterScope();
        }

        Assert.False(result.IsDisposed);
        result.Dispose();
        Assert.Equal(before, TorchDiagnostics.LiveTensorCount);
    }

    [Fact]
    public void Tensors_created_outside_any_scope_are_freed_by_Dispose_and_a_second_Dispose_is_harmless()
    {
        var before = SettledLiveCount();
        var t = torch.ones(8);
        Assert.Equal(before + 1, TorchDiagnostics.LiveTensorCount);
        t.Dispose();
        t.Dispose();
        Assert.Equal(before, TorchDiagnostics.LiveTensorCount);
    }

    [Fact]
    public void Forgotten_tensors_are_freed_by_the_finalizer_as_a_last_resort()
    {
        var before = SettledLiveCount();
        CreateAndForget(10);
        Assert.Equal(before, SettledLiveCount());
    }

    // Not inlined so the forgotten tensors are unreachable once it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateAndForget(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = torch.ones(16);
        }

        Assert.True(TorchDiagnostics.LiveTensorCount >= count);
    }

    [Fact]
    public void Failed_operations_do_not_leak_handles()
    {
        var before = SettledLiveCount();
        using (torch.NewDisposeScope())
        {
            var a = torch.ones(2, 3);
            Assert.Throws<TorchException>(() => a.matmul(a));
        }

        Assert.Equal(before, TorchDiagnostics.LiveTensorCount);
    }

    [Fact]
    public void Scopes_are_per_thread()
    {
        using var scope = torch.NewDisposeScope();
        Tensor? fromOtherThread = null;
        var worker = new Thread(() => fromOtherThread = torch.ones(1));
        worker.Start();
        worker.Join();
        Assert.NotNull(fromOtherThread);
        Assert.Equal(0, scope.Count);
        Assert.False(fromOtherThread.IsDisposed);
        fromOtherThread.Dispose();
    }
}
