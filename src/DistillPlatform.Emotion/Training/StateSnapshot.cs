using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Emotion.Training;

/// <summary>A detached copy of a module's state dict, e.g. the best epoch's weights kept for early stopping.</summary>
internal sealed class StateSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _tensors;

    private StateSnapshot(Dictionary<string, Tensor> tensors) => _tensors = tensors;

    public static StateSnapshot Capture(Module module)
    {
        var copies = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        using (torch.no_grad())
        {
            foreach (var (name, tensor) in module.state_dict())
            {
                using var detached = tensor.detach();
                copies[name] = detached.clone().DetachFromDisposeScope();
            }
        }
        return new StateSnapshot(copies);
    }

    public void RestoreInto(Module module) => module.load_state_dict(_tensors);

    public void Dispose()
    {
        foreach (var tensor in _tensors.Values)
            tensor.Dispose();
    }
}
