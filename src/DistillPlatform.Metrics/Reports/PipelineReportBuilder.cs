namespace DistillPlatform.Metrics.Reports;

/// <summary>Summarises evaluation reports into a <see cref="PipelineReport"/>, relative to the real-data baseline.</summary>
public static class PipelineReportBuilder
{
    public static PipelineReport Build(
        string pipelineId,
        EvaluationReport realBaseline,
        IReadOnlyList<EvaluationReport> syntheticEvaluations,
        IReadOnlyDictionary<string, string> reproduction,
        DateTimeOffset createdAt)
    {
        if (string.IsNullOrWhiteSpace(pipelineId)) throw new ArgumentException("The pipeline report needs an id.", nameof(pipelineId));
        ArgumentNullException.ThrowIfNull(realBaseline);
        ArgumentNullException.ThrowIfNull(syntheticEvaluations);
        ArgumentNullException.ThrowIfNull(reproduction);
        if (realBaseline.Setup.TrainingSet.Kind != TrainingSetKind.Real)
        {
            throw new ArgumentException(
                $"The baseline evaluation '{realBaseline.Setup.EvaluationId}' was trained on a synthetic set; the baseline must be trained on real data.", nameof(realBaseline));
        }
        var notSynthetic = syntheticEvaluations.FirstOrDefault(e => e.Setup.TrainingSet.Kind != TrainingSetKind.Synthetic);
        if (notSynthetic is not null)
        {
            throw new ArgumentException(
                $"Evaluation '{notSynthetic.Setup.EvaluationId}' was trained on real data; pass only synthetic-set evaluations besides the baseline.", nameof(syntheticEvaluations));
        }
        var duplicateId = syntheticEvaluations.Select(e => e.Setup.EvaluationId).Append(realBaseline.Setup.EvaluationId)
            .GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateId is not null) throw new ArgumentException($"Evaluation '{duplicateId.Key}' is listed more than once.", nameof(syntheticEvaluations));
        var duplicateSlot = syntheticEvaluations
            .GroupBy(e => (e.Setup.TrainingSet.LossPreset, e.Setup.TrainingSet.PointsPerClass))
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicateSlot is not null)
        {
            throw new ArgumentException(
                $"Evaluations {string.Join(", ", duplicateSlot.Select(e => $"'{e.Setup.EvaluationId}'"))} share loss preset '{duplicateSlot.Key.LossPreset}' " +
                $"and {duplicateSlot.Key.PointsPerClass} points per class; one evaluation per preset and budget is expected.", nameof(syntheticEvaluations));
        }

        if (realBaseline.Aggregate.Uar.Mean <= 0)
        {
            throw new ArgumentException(
                $"The real baseline '{realBaseline.Setup.EvaluationId}' has mean UAR 0, so UAR ratios to it are undefined.", nameof(realBaseline));
        }

        var presetOrder = syntheticEvaluations.Select(e => e.Setup.TrainingSet.LossPreset!).Distinct(StringComparer.Ordinal).ToList();
        var ordered = syntheticEvaluations
            .OrderBy(e => presetOrder.IndexOf(e.Setup.TrainingSet.LossPreset!))
            .ThenBy(e => e.Setup.TrainingSet.PointsPerClass);

        var rows = new List<PipelineRow> { Summarise(realBaseline, realBaseline) };
        // Summarising checks (through McNemar) that every evaluation shares the baseline's test set and label map.
        rows.AddRange(ordered.Select(e => Summarise(e, realBaseline)));
        return new PipelineReport(
            PipelineReport.CurrentFormatVersion, pipelineId, createdAt, realBaseline.Setup.TestSetId,
            realBaseline.Setup.EvaluationId, rows, new Dictionary<string, string>(reproduction));
    }

    private static PipelineRow Summarise(EvaluationReport evaluation, EvaluationReport realBaseline)
    {
        var isBaseline = ReferenceEquals(evaluation, realBaseline);
        var trainingSet = evaluation.Setup.TrainingSet;
        var mcNemar = isBaseline
            ? null
            : McNemarComparison.Between(evaluation.Setup, evaluation.TestTrueClasses, evaluation.Aggregate.MedianRepeatIndex,
                evaluation.MedianRepeat().Predictions, realBaseline);
        var meanWallTime = evaluation.TrainingTime.WallTimeSeconds.Mean;
        var baselineWallTime = realBaseline.TrainingTime.WallTimeSeconds.Mean;
        if (baselineWallTime <= 0)
        {
            throw new ArgumentException(
                $"The real baseline '{realBaseline.Setup.EvaluationId}' reports zero training time, so time reductions cannot be computed.", nameof(realBaseline));
        }

        return new PipelineRow(
            evaluation.Setup.EvaluationId,
            trainingSet.ArtifactId,
            trainingSet.Kind,
            trainingSet.PointsPerClass,
            trainingSet.LossPreset,
            trainingSet.GeneratorId,
            evaluation.Aggregate.Uar,
            evaluation.Aggregate.UarInterval,
            evaluation.Aggregate.Uar.Mean / realBaseline.Aggregate.Uar.Mean,
            mcNemar,
            meanWallTime,
            Reduction.Percent(meanWallTime, baselineWallTime),
            evaluation.Storage?.TrainingSetReductionVsRealFeaturesPercent,
            evaluation.SpeakerProbe);
    }
}
