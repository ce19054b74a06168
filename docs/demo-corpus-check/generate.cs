#:project ../../src/DistillPlatform.Features/DistillPlatform.Features.csproj
#:property PublishAot=false
// Generates a demo corpus from the command line, for the separability check in docs/demo-corpus.md.
// Usage: dotnet run docs/demo-corpus-check/generate.cs -- OUTPUT_DIR [small|default] [SEED]
using System.Diagnostics;
using DistillPlatform.Features.DemoCorpus;

if (args.Length is < 1 or > 3)
{
    Console.Error.WriteLine("usage: generate.cs OUTPUT_DIR [small|default] [SEED]");
    return 2;
}
var options = new DemoCorpusOptions(args[0])
{
    Preset = args.Length > 1 ? DemoCorpusPreset.FromName(args[1]) : DemoCorpusPreset.Default,
    Seed = args.Length > 2 ? int.Parse(args[2]) : 1,
};
var stopwatch = Stopwatch.StartNew();
var corpus = await DemoCorpusGenerator.EnsureAsync(options);
Console.WriteLine($"{corpus.ManifestPath}: {corpus.UtteranceCount} utterances, generated={corpus.WasGenerated}, {stopwatch.Elapsed.TotalSeconds:F1} s");
return 0;
