namespace DistillPlatform.Features.DemoCorpus;

/// <summary>A demo corpus on disk.</summary>
/// <param name="ManifestPath">labels.csv with the columns path,label,speaker (paths relative to its folder).</param>
/// <param name="ConfigurationHash">Hash of every utterance recipe and the rendering version; identifies the content.</param>
/// <param name="WasGenerated">False when an identical corpus was already in the folder and was reused.</param>
public sealed record GeneratedDemoCorpus(
    string Directory,
    string ManifestPath,
    DemoCorpusPreset Preset,
    int Seed,
    int UtteranceCount,
    string ConfigurationHash,
    bool WasGenerated);
