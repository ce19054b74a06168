namespace DistillPlatform.Contracts.Evaluation;

/// <summary>
/// Settings of the downstream training loop (Adam with early stopping on dev UAR). The defaults are the platform's
/// log-mel settings: lr 1e-3, batch 32, up to 80 epochs, patience 15, class-balanced loss, clipping at norm 1.
/// </summary>
/// <param name="Patience">Epochs without dev-UAR improvement before stopping; null trains every epoch.</param>
/// <param name="BalanceClasses">Weight the loss so every class counts equally (UAR weighs classes equally too).</param>
/// <param name="MaxGradientNorm">Gradient clipping norm; null disables clipping.</param>
/// <param name="MaxFrames">Centre-crop longer utterances to this many frames; null keeps every frame.</param>
public sealed record EvaluationTrainerSpec(
    double LearningRate = 1e-3,
    double WeightDecay = 0,
    int BatchSize = 32,
    int MaxEpochs = 80,
    int? Patience = 15,
    bool BalanceClasses = true,
    double? MaxGradientNorm = 1.0,
    int? MaxFrames = null);
