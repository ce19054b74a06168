namespace DistillPlatform.Torch.nn;

/// <summary>Resizes [N, C, H, W] by a scale factor (PyTorch's <c>nn.Upsample(scale_factor=..., mode=...)</c>).</summary>
public sealed class Upsample(double scale_factor = 2, UpsampleMode mode = UpsampleMode.Nearest, bool align_corners = false) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => Functional.interpolate(input, scale_factor: scale_factor, mode: mode, align_corners: align_corners);
}
