namespace DistillPlatform.Features.DemoCorpus;

/// <summary>Where and what to generate.</summary>
/// <param name="OutputDirectory">Folder that receives labels.csv, wav/ and the marker file (the platform uses its state folder).</param>
public sealed record DemoCorpusOptions(string OutputDirectory)
{
    public DemoCorpusPreset Preset { get; init; } = DemoCorpusPreset.Default;

    public int Seed { get; init; } = 1;

    /// <summary>espeak-ng executable: a name looked up on PATH or a full path.</summary>
    public string EspeakExecutable { get; init; } = "espeak-ng";

    /// <summary>How many utterances are synthesised at once (each one runs an espeak-ng process).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
