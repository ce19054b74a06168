namespace DistillPlatform.Emotion.Training;

/// <summary>
/// What one training epoch achieved.
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean cross entropy over the epoch's training utterances (as weighted in training).</param>
/// <param name="DevUar">Unweighted average recall on the dev set after the epoch; null without a dev set.</param>
/// <param name="WallSeconds">Wall time of the epoch, evaluation included.</param>
/// <param name="IsBest">Whether this epoch is the best so far (strictly higher dev UAR; always true without dev).</param>
public sealed record EpochReport(int Epoch, double TrainLoss, double? DevUar, double WallSeconds, bool IsBest);
