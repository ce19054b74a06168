using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

    /// <summary>"syn-" followed by the first 32 hex digits (128 bits) of a SHA-256 over the inputs.</summary>
    public static string For(string generatorId, ClassCountPlan plan, long seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder(Domain).Append('\n');
        // Every field is written as name, UTF-8 byte length and value, so two different inputs never give the same text.
        foreach ((string name, string value) in new[]
                 {
                     ("generator", generatorId),
                     ("distribution", plan.Distribution),
                     ("counts", string.Join('\n', plan.Classes.Select((className, index) => $"{Encoding.UTF8.GetByteCount(className)}:{className}={plan.Counts[index]}"))),
                     ("seed", seed.ToString(CultureInfo.InvariantCulture)),
                     ("points-per-draw", SyntheticSetWriter.PointsPerDraw.ToString(CultureInfo.InvariantCulture)),
                 })
        {
            text.Append(name).Append('=').Append(Encoding.UTF8.GetByteCount(value)).Append(':').Append(value).Append('\n');
        }
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
