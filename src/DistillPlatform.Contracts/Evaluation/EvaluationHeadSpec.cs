namespace DistillPlatform.Contracts.Evaluation;

/// <summary>The downstream head to train: "superb-emotion" (Linear, mean pooling, Linear) or "temporal-conv".</summary>
/// <param name="KernelSize">Frames the temporal convolution spans (odd); unused by the SUPERB head.</param>
public sealed record EvaluationHeadSpec(string Type = "superb-emotion", int HiddenSize = 256, int KernelSize = 5);
