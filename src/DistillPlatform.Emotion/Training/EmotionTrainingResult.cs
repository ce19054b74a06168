using DistillPlatform.Emotion.Models;

namespace DistillPlatform.Emotion.Training;

/// <summary>
/// A finished training run. <see cref="Model"/> holds the best epoch's weights (the last epoch's without a dev set);
/// the result owns it, so dispose the result (or the model) when done.
/// </summary>
/// <param name="BestEpoch">1-based epoch whose weights <see cref="Model"/> holds.</param>
/// <param name="BestDevUar">Dev UAR of that epoch; null without a dev set.</param>
/// <param name="EpochsTrained">Epochs actually run (fewer than the maximum when early stopping fired).</param>
/// <param name="StoppedEarly">Whether early stopping ended the run.</param>
/// <param name="WallSeconds">Wall time of the whole run.</param>
/// <param name="History">One report per epoch trained.</param>
public sealed record EmotionTrainingResult(
    EmotionHead Model,
    int BestEpoch,
    double? BestDevUar,
    int EpochsTrained,
    bool StoppedEarly,
    double WallSeconds,
    IReadOnlyList<EpochReport> History) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
