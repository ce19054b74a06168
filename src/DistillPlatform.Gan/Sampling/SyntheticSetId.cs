using System.Globalization;
using System.Text;
using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Gan.Sampling;

/// <summary>
/// The deterministic id of a synthetic set: the same generator, distribution, class counts and seed always name the
/// same set (so a repeated request is answered from the store, and a retried upload rewrites identical files), and any
/// change gives another id. The number of points per generator call (<see cref="SyntheticSetWriter.PointsPerDraw"/>)
/// is part of it because it decides which noise each point gets.
/// </summary>
public static class SyntheticSetId
{
    private const string Domain = "distill-synthetic-set-id/v1";
    private const string Prefix = "syn-";

    /// <summary>Hex digits of the SHA-256 kept in the id: 128 bits.</summary>
    private const int HashHexDigits = 32;

    /// <summary>"syn-" followed by the first 32 hex digits of a SHA-256 over the inputs (see <see cref="ContentId.FromFields"/>).</summary>
    public static string For(string generatorId, ClassCountPlan plan, long seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        ArgumentNullException.ThrowIfNull(plan);
        // Class names carry their byte length too, so no two different count lists write the same text.
        string counts = string.Join('\n', plan.Classes.Select((className, index) => $"{Encoding.UTF8.GetByteCount(className)}:{className}={plan.Counts[index]}"));
        return ContentId.FromFields(Prefix, Domain,
        [
            ("generator", generatorId),
            ("distribution", plan.Distribution),
            ("counts", counts),
            ("seed", seed.ToString(CultureInfo.InvariantCulture)),
            ("points-per-draw", SyntheticSetWriter.PointsPerDraw.ToString(CultureInfo.InvariantCulture)),
        ], HashHexDigits);
    }
}
