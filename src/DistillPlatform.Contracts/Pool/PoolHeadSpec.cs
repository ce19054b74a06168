namespace DistillPlatform.Contracts.Pool;

/// <summary>
/// The classifier head every pool checkpoint uses: <see cref="Type"/> is <c>superb-emotion</c> (per-frame projector,
/// mean pooling, linear) or <c>temporal-conv</c> (convolution over <see cref="KernelSize"/> frames, odd);
/// <see cref="HiddenSize"/> is the width of its first layer.
/// </summary>
public sealed record PoolHeadSpec(string Type = PoolHeadSpec.SuperbEmotion, int HiddenSize = 256, int KernelSize = 5)
{
    public const string SuperbEmotion = "superb-emotion";

    public const string TemporalConv = "temporal-conv";
}
