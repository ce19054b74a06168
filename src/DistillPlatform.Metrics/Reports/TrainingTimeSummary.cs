using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Reports;

/// <summary>Training cost over repeats: the paper's argument is that small synthetic sets train faster.</summary>
/// <param name="WallTimeSeconds">Training wall time per repeat, mean ± std.</param>
/// <param name="EpochsTrained">Epochs run per repeat, mean ± std.</param>
/// <param name="BestDevUarEpoch">Epochs needed to reach the best development UAR, mean ± std.</param>
public sealed record TrainingTimeSummary(MeanStd WallTimeSeconds, MeanStd EpochsTrained, MeanStd BestDevUarEpoch);
