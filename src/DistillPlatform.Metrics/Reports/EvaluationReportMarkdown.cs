using System.Text;
using DistillPlatform.Metrics.Rendering;
using static DistillPlatform.Metrics.Reports.ReportFormat;

namespace DistillPlatform.Metrics.Reports;

/// <summary>report.md of an evaluation: what was trained, how well it did, what it cost, and how to check it.</summary>
public static class EvaluationReportMarkdown
{
    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var setup = report.Setup;
        var md = new StringBuilder();
        md.Append($"# Evaluation `{setup.EvaluationId}`\n\n");
        md.Append($"- Training set: {DescribeTrainingSet(setup.TrainingSet)}\n");
        md.Append($"- Test set: `{setup.TestSetId}` ({report.TestTrueClasses.Count} examples)\n");
        md.Append($"- Repeats: {report.Repeats.Count} ({(report.Repeats.Count == 1 ? "seed" : "seeds")} {string.Join(", ", report.Repeats.Select(r => Integer(r.Seed)))})\n");
        md.Append($"- Created: {report.CreatedAt:yyyy-MM-dd HH:mm:ss zzz}\n\n");

        AppendHeadline(md, report);
        AppendPerClass(md, report);
        AppendConfusion(md, report);
        AppendComparison(md, report);
        AppendCost(md, report);
        AppendSpeakerProbe(md, report);
        AppendRepeats(md, report);
        AppendConfiguration(md, "Head configuration", setup.Head);
        AppendConfiguration(md, "Trainer configuration", setup.Trainer);
        return md.ToString();
    }

    private static string DescribeTrainingSet(TrainingSetDescription set) => set.Kind == TrainingSetKind.Real
        ? $"real `{set.ArtifactId}` ({set.TotalExamples} examples)"
        : $"synthetic `{set.ArtifactId}`, {set.PointsPerClass} per class ({set.TotalExamples} examples), " +
          $"generator `{set.GeneratorId}`, loss preset `{set.LossPreset}`";

    private static void AppendHeadline(StringBuilder md, EvaluationReport report)
    {
        var aggregate = report.Aggregate;
        var interval = aggregate.UarInterval;
        md.Append("## Headline\n\n");
        md.Append(MarkdownTable.Render(
            ["metric", "mean ± std", $"{Level(interval.Level)} CI (median repeat)"],
            [
                ["UAR", aggregate.Uar.Format(), Interval(interval)],
                ["weighted accuracy", aggregate.WeightedAccuracy.Format(), NotAvailable],
                ["macro-F1", aggregate.MacroF1.Format(), NotAvailable],
            ],
            [ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Right]));
        md.Append($"\nThe interval is a percentile bootstrap over the test examples ({interval.Resamples} resamples, seed {interval.BootstrapSeed}) " +
                  $"of repeat {interval.RepeatIndex} (seed {report.Repeats[interval.RepeatIndex].Seed}), the median-UAR repeat, " +
                  $"whose UAR is {Number(interval.Estimate)}; the ± std is the spread over repeats.\n\n");
    }

    private static void AppendPerClass(StringBuilder md, EvaluationReport report)
    {
        var labels = report.Setup.LabelMap;
        var headers = new List<string> { "class", "test support", "mean recall" };
        headers.AddRange(report.Repeats.Select(r => $"seed {r.Seed}"));
        var rows = labels.Select((name, c) =>
        {
            var row = new List<string>
            {
                name,
                Integer(report.TestTrueClasses.Count(t => t == c)),
                Number(report.Aggregate.PerClassRecallMean[c]),
            };
            row.AddRange(report.Repeats.Select(r => Number(r.PerClassRecall[c])));
            return (IReadOnlyList<string>)row;
        });
        md.Append("## Recall per class\n\n");
        md.Append(MarkdownTable.Render(headers, rows,
            new[] { ColumnAlignment.Left }.Concat(Enumerable.Repeat(ColumnAlignment.Right, headers.Count - 1)).ToArray()));
        md.Append($"\n![{EvaluationReportPlots.PerClassRecallTitle}]({EvaluationReportPlots.PerClassRecallFileName})\n\n");
    }

    private static void AppendConfusion(StringBuilder md, EvaluationReport report)
    {
        var summed = ConfusionCounts.ToMatrix(report.Setup.LabelMap, report.Aggregate.SummedConfusion);
        md.Append($"## Confusion matrix (counts summed over {Count(report.Repeats.Count, "repeat")})\n\n");
        md.Append(MetricsMarkdown.ConfusionMatrix(summed));
        md.Append($"\n![Confusion matrix]({EvaluationReportPlots.ConfusionMatrixFileName})\n\n");
    }

    private static void AppendComparison(StringBuilder md, EvaluationReport report)
    {
        md.Append("## Comparison with reference\n\n");
        if (report.McNemar is not { } comparison)
        {
            md.Append("No reference evaluation was named.\n\n");
            return;
        }
        md.Append($"Against `{comparison.ReferenceEvaluationId}` (repeat {comparison.RepeatIndex} vs reference repeat " +
                  $"{comparison.ReferenceRepeatIndex}, the median repeats; b = only this model correct, c = only the reference correct): " +
                  $"{MetricsMarkdown.McNemarSummary(comparison.ToResult())}\n\n");
    }

    private static void AppendCost(StringBuilder md, EvaluationReport report)
    {
        var time = report.TrainingTime;
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "training wall time", $"{Number(time.WallTimeSeconds.Mean, 1)} ± {Number(time.WallTimeSeconds.StandardDeviation, 1)} s", "", "" },
            new[] { "epochs trained", time.EpochsTrained.Format(1), "", "" },
            new[] { "epoch of best dev UAR", time.BestDevUarEpoch.Format(1), "", "" },
        };
        if (report.Storage is { } storage)
        {
            rows.Add(["source audio", Bytes(storage.SourceAudioBytes), "", ""]);
            rows.Add(["real feature set", Bytes(storage.RealFeatureSetBytes), "", ""]);
            rows.Add(["training set", Bytes(storage.TrainingSetBytes),
                Percent(storage.TrainingSetReductionVsRealFeaturesPercent), Percent(storage.TrainingSetReductionVsAudioPercent)]);
            if (storage.GeneratorBytes is { } generatorBytes)
            {
                rows.Add(["generator", Bytes(generatorBytes),
                    Percent(storage.GeneratorReductionVsRealFeaturesPercent), Percent(storage.GeneratorReductionVsAudioPercent)]);
            }
        }
        md.Append("## Training time and storage\n\n");
        md.Append(MarkdownTable.Render(
            ["quantity", "value (mean ± std over repeats)", "reduction vs real features", "reduction vs audio"],
            rows,
            [ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right]));
        if (report.Storage is null) md.Append("\nStorage was not measured.\n");
        md.Append('\n');
    }

    private static void AppendSpeakerProbe(StringBuilder md, EvaluationReport report)
    {
        md.Append("## Speaker-identity probe\n\n");
        md.Append(report.SpeakerProbe is { } probe
            ? $"Linear probe on the first layer: speaker-ID accuracy {Number(probe.Accuracy)} over {probe.SpeakerCount} speakers (chance {Number(probe.ChanceLevel)}).\n\n"
            : "Not probed.\n\n");
    }

    private static void AppendRepeats(StringBuilder md, EvaluationReport report)
    {
        var rows = report.Repeats.Select((r, i) => (IReadOnlyList<string>)new[]
        {
            Integer(i), Integer(r.Seed), Number(r.Uar), Number(r.WeightedAccuracy), Number(r.MacroF1),
            Seconds(r.TrainingWallTimeSeconds), Integer(r.EpochsTrained), Integer(r.BestDevUarEpoch),
        });
        md.Append("## Repeats\n\n");
        md.Append(MarkdownTable.Render(
            ["repeat", "seed", "UAR", "weighted accuracy", "macro-F1", "training time", "epochs", "best dev UAR epoch"],
            rows,
            Enumerable.Repeat(ColumnAlignment.Right, 8).ToArray()));
        md.Append('\n');
    }

    /// <summary>Key-value configuration, sorted by key so that the same configuration always renders the same text.</summary>
    internal static void AppendConfiguration(StringBuilder md, string title, IReadOnlyDictionary<string, string> values)
    {
        md.Append($"## {title}\n\n");
        if (values.Count == 0)
        {
            md.Append("(empty)\n\n");
            return;
        }
        md.Append(MarkdownTable.Render(
            ["key", "value"],
            values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (IReadOnlyList<string>)new[] { kv.Key, kv.Value })));
        md.Append('\n');
    }
}
