using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.ServiceDefaults.Tests;

/// <summary>
/// The examples in docs/raw-json.md are what people paste into the management UI, so each must be read with the
/// command queues' raw JSON settings into its command with nothing missing and no misspelt field (those would be
/// ignored silently).
/// </summary>
public sealed partial class RawJsonDocumentationTests
{
    private static readonly Dictionary<string, Type> CommandOfQueue = new()
    {
        [FeatureExtractionQueue.Name] = typeof(ExtractFeatures),
        [CheckpointPoolQueue.Name] = typeof(TrainCheckpointPool),
        [EvaluationQueue.Name] = typeof(EvaluateTrainingSet),
        [DistillationQueue.Name] = typeof(DistillGenerator),
        [SamplingQueue.Name] = typeof(SampleSyntheticSet),
        [PipelineQueue.Name] = typeof(RunDistillationPipeline),
    };

    public static TheoryData<string> Queues() => [.. CommandOfQueue.Keys];

    [Theory]
    [MemberData(nameof(Queues))]
    public void The_example_for_each_queue_is_a_complete_command_without_unknown_fields(string queue)
    {
        Type command = CommandOfQueue[queue];
        JsonElement example = ExamplesByQueue()[queue];

        Assert.Empty(RequiredFields.FindMissing(command, example));
        Assert.Empty(UnknownFields(command, example, ""));
        Assert.NotNull(example.Deserialize(command, RawJsonCommandSerializerFactory.JsonOptions));
    }

    [Fact]
    public void Enums_are_read_by_name_as_the_document_says()
    {
        var extract = ExamplesByQueue()[FeatureExtractionQueue.Name].Deserialize<ExtractFeatures>(RawJsonCommandSerializerFactory.JsonOptions)!;

        Assert.Equal(SplitPolicyKind.SpeakerIndependent, extract.Split.Kind);
        Assert.Equal(LevelNormalization.Rms, extract.Preprocessing.Normalization);
        Assert.Equal(["03", "08"], extract.Split.TestSpeakers);
        Assert.Equal("/data/emodb", extract.Corpus.LocalFolder);
        Assert.Null(extract.Corpus.ObjectStorePrefix);
    }

    /// <summary>The first ```json block after each "### `queue`" heading.</summary>
    private static Dictionary<string, JsonElement> ExamplesByQueue()
    {
        string document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "raw-json.md"));
        return ExampleBlock().Matches(document)
            .ToDictionary(m => m.Groups["queue"].Value, m => JsonDocument.Parse(m.Groups["json"].Value).RootElement.Clone());
    }

    [GeneratedRegex(@"^### `(?<queue>[a-z-]+)`\s*\n+```json\n(?<json>.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    /// <summary>JSON properties that match no constructor parameter of the record (case-insensitively), recursively.</summary>
    private static IEnumerable<string> UnknownFields(Type type, JsonElement json, string path)
    {
        if (json.ValueKind != JsonValueKind.Object || type.Namespace?.StartsWith("DistillPlatform", StringComparison.Ordinal) != true)
            yield break;
        ParameterInfo[] parameters = type.GetConstructors().MaxBy(c => c.GetParameters().Length)!.GetParameters();
        foreach (JsonProperty property in json.EnumerateObject())
        {
            ParameterInfo? parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                yield return path + property.Name;
                continue;
            }
            foreach (string nested in UnknownFields(parameter.ParameterType, property.Value, path + property.Name + "."))
                yield return nested;
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DistillPlatform.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No DistillPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
