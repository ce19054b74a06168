namespace DistillPlatform.Torch;

/// <summary>
/// A libtorch operation failed (shape mismatch, wrong dtype, index out of range ...). The message is libtorch's own,
/// so it names the operation and the offending sizes. The process and every other tensor stay usable.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message)
    {
    }

    public TorchException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
