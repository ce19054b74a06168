using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Services.Pipeline.Stages;

/// <summary>
/// Lays out the stages of a pipeline and what each waits for; stages whose dependencies are complete run concurrently.
/// <list type="bullet">
/// <item>extract-features: nothing.</item>
/// <item>train-pool (only when a "+sml" preset needs the pool), measure-storage: extract-features.</item>
/// <item>evaluate-real: extract-features, measure-storage.</item>
/// <item>distill/&lt;preset&gt;: extract-features, and train-pool for "+sml" presets.</item>
/// <item>sample/&lt;preset&gt;/&lt;budget&gt;: distill/&lt;preset&gt;.</item>
/// <item>evaluate/&lt;preset&gt;/&lt;budget&gt;: its sample stage, evaluate-real (the McNemar reference), measure-storage.</item>
/// <item>report: evaluate-real and every evaluate stage.</item>
/// </list>
/// </summary>
public static class PipelinePlanner
{
    /// <summary>Loss presets containing this term match the pool's softmax outputs, so they wait for the pool.</summary>
    public const string SoftmaxMatchingTerm = "+sml";

    public static bool NeedsPool(string lossPreset) => lossPreset.Contains(SoftmaxMatchingTerm, StringComparison.Ordinal);

    /// <summary>What is wrong with the request (every problem, one per line), or null when it can run.</summary>
    public static string? Validate(RunDistillationPipeline request)
    {
        var problems = new List<string>();
        if (request.PipelineId == Guid.Empty) problems.Add("PipelineId is empty; give every pipeline a new Guid.");
        var presets = request.Distillation.LossPresets ?? [];
        if (presets.Count == 0) problems.Add("Distillation.LossPresets is empty; name at least one, e.g. \"+div+sml\".");
        if (presets.Any(string.IsNullOrWhiteSpace)) problems.Add("Distillation.LossPresets contains an empty preset name.");
        if (presets.Any(p => p is not null && p.Contains('/'))) problems.Add("Loss preset names cannot contain '/'.");
        foreach (var duplicate in presets.GroupBy(p => p).Where(g => g.Count() > 1))
            problems.Add($"Loss preset '{duplicate.Key}' is listed {duplicate.Count()} times; list each once.");
        if (request.Distillation.Steps < 1) problems.Add($"Distillation.Steps is {request.Distillation.Steps}; it must be at least 1.");
        var budgets = request.PointsPerClass ?? [];
        if (budgets.Count == 0) problems.Add("PointsPerClass is empty; give at least one budget, e.g. [10, 100].");
        if (budgets.Any(b => b < 1)) problems.Add("Every PointsPerClass budget must be at least 1.");
        foreach (var duplicate in budgets.GroupBy(b => b).Where(g => g.Count() > 1))
            problems.Add($"Budget {duplicate.Key} is listed {duplicate.Count()} times in PointsPerClass; list each once.");
        if (request.Distribution == ClassDistribution.Explicit)
        {
            problems.Add("Distribution Explicit needs per-class counts, which a pipeline request cannot carry; use Balanced or Original.");
        }
        if (request.Evaluation.Repeats < 1) problems.Add($"Evaluation.Repeats is {request.Evaluation.Repeats}; it must be at least 1.");
        if (presets.Any(p => p is not null && NeedsPool(p)) && request.Pool.Runs < 1)
            problems.Add($"Pool.Runs is {request.Pool.Runs}; a \"+sml\" preset needs a pool of at least 1 run.");
        return problems.Count == 0 ? null : string.Join(Environment.NewLine, problems);
    }

    /// <summary>Every stage of the pipeline, all pending, in pipeline order. Call <see cref="Validate"/> first.</summary>
    public static List<PipelineStage> Plan(RunDistillationPipeline request)
    {
        var presets = request.Distillation.LossPresets;
        bool poolNeeded = presets.Any(NeedsPool);
        var stages = new List<PipelineStage>();

        void Add(string name, PipelineStageKind kind, string[] dependsOn, string? preset = null, int? budget = null) =>
            stages.Add(new PipelineStage
            {
                Name = name,
                Kind = kind,
                LossPreset = preset,
                PointsPerClass = budget,
                DependsOn = [.. dependsOn],
                RequestId = StageRequestIds.For(request.PipelineId, name),
            });

        Add(StageNames.ExtractFeatures, PipelineStageKind.ExtractFeatures, []);
        if (poolNeeded) Add(StageNames.TrainPool, PipelineStageKind.TrainPool, [StageNames.ExtractFeatures]);
        Add(StageNames.MeasureStorage, PipelineStageKind.MeasureStorage, [StageNames.ExtractFeatures]);
        Add(StageNames.EvaluateReal, PipelineStageKind.EvaluateReal, [StageNames.ExtractFeatures, StageNames.MeasureStorage]);
        foreach (string preset in presets)
        {
            Add(StageNames.Distill(preset), PipelineStageKind.Distill,
                NeedsPool(preset) ? [StageNames.ExtractFeatures, StageNames.TrainPool] : [StageNames.ExtractFeatures], preset);
        }
        foreach (string preset in presets)
        {
            foreach (int budget in request.PointsPerClass)
            {
                Add(StageNames.Sample(preset, budget), PipelineStageKind.Sample, [StageNames.Distill(preset)], preset, budget);
                // The real baseline must be stored first: it is the McNemar reference of every synthetic evaluation.
                Add(StageNames.Evaluate(preset, budget), PipelineStageKind.EvaluateSynthetic,
                    [StageNames.Sample(preset, budget), StageNames.EvaluateReal, StageNames.MeasureStorage], preset, budget);
            }
        }
        Add(StageNames.Report, PipelineStageKind.Report,
            [StageNames.EvaluateReal, .. stages.Where(s => s.Kind == PipelineStageKind.EvaluateSynthetic).Select(s => s.Name)]);
        return stages;
    }

    /// <summary>Pending stages whose dependencies are all completed, in pipeline order.</summary>
    public static IReadOnlyList<PipelineStage> ReadyStages(PipelineState pipeline) =>
        pipeline.Stages
            .Where(stage => stage.State == PipelineStageState.Pending
                            && stage.DependsOn.All(dependency => pipeline.Stage(dependency).State == PipelineStageState.Completed))
            .ToList();
}
