using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// Gradient mode and functional gradients.
public static partial class torch
{
    /// <summary>Stops recording operations for autograd on this thread until the returned scope is disposed.</summary>
    public static GradModeScope no_grad() => new(enabled: false);

    /// <summary>Re-enables recording inside a no_grad region until the returned scope is disposed.</summary>
    public static GradModeScope enable_grad() => new(enabled: true);

    public static bool is_grad_enabled() => Native.dp_is_grad_enabled() != 0;

    public static void set_grad_enabled(bool enabled) => Native.dp_set_grad_enabled(enabled ? 1 : 0);

    public static class autograd
    {
        /// <summary>
        /// d(outputs)/d(inputs) without touching any .grad (PyTorch's torch.autograd.grad). With create_graph the
        /// results are themselves differentiable, which gradient penalties (WGAN-GP) need for their double backward.
        /// grad_outputs may be omitted for scalar outputs. With allow_unused, an input the outputs do not depend on
        /// gets a zero gradient (PyTorch would return None).
        /// </summary>
        public static unsafe Tensor[] grad(
            IReadOnlyList<Tensor> outputs,
            IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor>? grad_outputs = null,
            bool? retain_graph = null,
            bool create_graph = false,
            bool allow_unused = false)
        {
            RequireTensors(outputs, "autograd.grad outputs");
            RequireTensors(inputs, "autograd.grad inputs");
            if (grad_outputs is not null && grad_outputs.Count != outputs.Count)
            {
                throw new ArgumentException($"autograd.grad got {grad_outputs.Count} grad_outputs for {outputs.Count} outputs.", nameof(grad_outputs));
            }

            var results = new IntPtr[inputs.Count];
            using (var outputHandles = new HandleList(outputs))
            using (var inputHandles = new HandleList(inputs))
            using (var seedHandles = new HandleList(grad_outputs ?? []))
            {
                fixed (IntPtr* outputPointers = outputHandles.Pointers)
                fixed (IntPtr* inputPointers = inputHandles.Pointers)
                fixed (IntPtr* seedPointers = seedHandles.Pointers)
                fixed (IntPtr* resultPointers = results)
                {
                    var retain = retain_graph is null ? -1 : retain_graph.Value ? 1 : 0;
                    Native.Check(Native.dp_autograd_grad(outputPointers, outputs.Count, inputPointers, inputs.Count,
                        grad_outputs is null ? null : seedPointers, retain, create_graph ? 1 : 0, allow_unused ? 1 : 0, resultPointers));
                }
            }

            var gradients = new Tensor[inputs.Count];
            for (var i = 0; i < gradients.Length; i++)
            {
                gradients[i] = Native.FromPointer(results[i]) ?? zeros_like(inputs[i]);
            }

            return gradients;
        }
    }
}
