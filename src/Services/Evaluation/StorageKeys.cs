namespace DistillPlatform.Services.Evaluation;

/// <summary>Object-store keys of the artifacts this service reads and writes.</summary>
public static class StorageKeys
{
    public static string FeatureSetFile(string featureSetId, string fileName) => $"features/{RequireSafeId(featureSetId, "feature set")}/{fileName}";

    public static string EvaluationFile(string evaluationId, string fileName) => $"evaluations/{RequireSafeId(evaluationId, "evaluation")}/{fileName}";

    /// <summary>Ids become key segments and local folder names, so they must not climb out of either.</summary>
    public static string RequireSafeId(string id, string what)
    {
        if (string.IsNullOrWhiteSpace(id) || id is "." or ".." || id.IndexOfAny(['/', '\\']) >= 0 || id.Any(char.IsControl))
            throw new ArgumentException($"'{id}' is not a valid {what} id: it must be non-empty, without slashes or control characters.");
        return id;
    }
}
