namespace DistillPlatform.Emotion.Tests;

/// <summary>Runs a bundled reference script (Reference/) with PyTorch on a JSON input and returns its standard output.</summary>
internal static class PythonTorch
{
    public static string Run(string scriptName, string inputJson)
    {
        string input = Path.Combine(Path.GetTempPath(), $"emotion-reference-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, inputJson);
        try
        {
            return ReferencePython.Run(ReferencePython.BundledScript(scriptName), input);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
