using System.Globalization;
using DistillPlatform.Gan.Training;

namespace DistillPlatform.Gan.Distillation;

/// <summary>
/// Every loss of every training step so far, saved as <c>curves.csv</c> (a header <c>step,critic,...</c>, then one
/// row per step, values in round-trip format) in each checkpoint and in the final generator folder. Stored with the
/// checkpoints so a resumed run's curves still start at step 1.
/// </summary>
public sealed class TrainingCurves
{
    public const string FileName = "curves.csv";

    /// <summary>Loss names, in column order; also the keys of <see cref="LossesOf"/>.</summary>
    public static IReadOnlyList<string> LossNames { get; } =
    [
        "critic", "wasserstein", "gradient_penalty", "critic_real_classification", "critic_synthetic_classification",
        "generator", "generator_adversarial", "generator_classification", "feature_matching", "diversity", "softmax_matching",
    ];

    private readonly List<GanStepReport> _steps = [];

    public IReadOnlyList<GanStepReport> Steps => _steps;

    /// <summary>The losses of one step by name (the names of <see cref="LossNames"/>).</summary>
    public static IReadOnlyDictionary<string, double> LossesOf(GanStepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        double[] values = ValuesOf(report);
        return LossNames.Select((name, i) => (name, values[i])).ToDictionary(pair => pair.name, pair => pair.Item2);
    }

    /// <summary>Appends a step; steps must come in order without gaps.</summary>
    public void Add(GanStepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        long expected = _steps.Count + 1;
        if (report.Step != expected)
            throw new ArgumentException($"Training curves hold steps 1 to {_steps.Count}; the next step must be {expected}, not {report.Step}.", nameof(report));
        _steps.Add(report);
    }

    public void Save(string folder)
    {
        using var writer = new StreamWriter(Path.Combine(folder, FileName));
        writer.WriteLine(string.Join(',', LossNames.Prepend("step")));
        foreach (var report in _steps)
        {
            writer.WriteLine(string.Join(',',
                ValuesOf(report).Select(v => v.ToString("R", CultureInfo.InvariantCulture)).Prepend(report.Step.ToString(CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>Reads <c>curves.csv</c> from <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing, has other columns, or a row is malformed.</exception>
    public static TrainingCurves Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new InvalidDataException($"'{folder}' has no {FileName}; it is not a distillation checkpoint.");
        string[] lines = File.ReadAllLines(path);
        string header = string.Join(',', LossNames.Prepend("step"));
        if (lines.Length == 0 || lines[0] != header)
            throw new InvalidDataException($"{path} does not start with the header '{header}'.");
        var curves = new TrainingCurves();
        for (int row = 1; row < lines.Length; row++)
        {
            string[] cells = lines[row].Split(',');
            if (cells.Length != LossNames.Count + 1
                || !long.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long step)
                || !TryParseAll(cells.AsSpan(1), out double[] v))
                throw new InvalidDataException($"{path} line {row + 1} is not a step number followed by {LossNames.Count} numbers.");
            try
            {
                curves.Add(new GanStepReport(step, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]));
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path} line {row + 1}: {e.Message}", e);
            }
        }
        return curves;
    }

    private static bool TryParseAll(ReadOnlySpan<string> cells, out double[] values)
    {
        values = new double[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            if (!double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                return false;
        }
        return true;
    }

    private static double[] ValuesOf(GanStepReport r) =>
    [
        r.CriticLoss, r.WassersteinEstimate, r.GradientPenalty, r.CriticRealClassification, r.CriticSyntheticClassification,
        r.GeneratorLoss, r.GeneratorAdversarial, r.GeneratorClassification, r.FeatureMatching, r.Diversity, r.SoftmaxMatching,
    ];
}
