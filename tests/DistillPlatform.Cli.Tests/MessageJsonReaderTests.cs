using DistillPlatform.Cli.Messages;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Cli.Tests;

/// <summary><c>distill publish</c>: JSON becomes the contract record, or a readable error says what is wrong.</summary>
public sealed class MessageJsonReaderTests
{
    private static readonly Guid RequestId = Guid.Parse("0b6f3a52-55c1-4e0b-8d0a-3f7d2a1e9c44");

    [Fact]
    public void The_type_field_selects_the_record_and_the_command_goes_to_its_queue()
    {
        var read = MessageJsonReader.Read($$"""
            {
              "$type": "DistillGenerator",
              "requestId": "{{RequestId}}",
              "featureSetId": "fs-1",
              "poolId": "pool-1",
              "architecture": "att",
              "modelPreset": "cpu-tiny",
              "lossPreset": "+div",
              "steps": 20
            }
            """, "cmd.json", explicitType: null);

        Assert.Equal(new DistillGenerator(RequestId, "fs-1", "pool-1", "att", "cpu-tiny", "+div", 20), read.Message);
        Assert.Equal(DistillationQueue.Address, read.Type.Queue);
    }

    [Fact]
    public void The_type_can_be_given_by_option_with_enums_by_name()
    {
        var read = MessageJsonReader.Read(
            $$"""{ "requestId": "{{RequestId}}", "generatorId": "g", "pointsPerClass": 4, "distribution": "Original" }""",
            "cmd.json", explicitType: "sampleSyntheticSet");

        Assert.Equal(new SampleSyntheticSet(RequestId, "g", 4, ClassDistribution.Original), read.Message);
    }

    [Fact]
    public void Cancellations_are_published_rather_than_sent_to_a_queue()
    {
        var pipelineId = Guid.NewGuid();

        var read = MessageJsonReader.Read($$"""{ "pipelineId": "{{pipelineId}}" }""", "cmd.json", "DistillPlatform.Contracts.Pipeline.CancelPipeline");

        Assert.Equal(new CancelPipeline(pipelineId), read.Message);
        Assert.Null(read.Type.Queue);
    }

    [Fact]
    public void A_missing_required_field_is_named_and_the_record_s_fields_are_listed()
    {
        var error = Assert.Throws<MessageValidationException>(() => MessageJsonReader.Read(
            $$"""{ "$type": "SampleSyntheticSet", "requestId": "{{RequestId}}", "pointsPerClass": 4 }""", "cmd.json", null));

        Assert.Contains("cmd.json is not a valid SampleSyntheticSet", error.Message);
        Assert.Contains("generatorId", error.Message);
        Assert.Contains("SampleSyntheticSet fields: requestId (Guid), generatorId (string), pointsPerClass (int), "
                        + "distribution (balanced|original|explicit, optional), classCounts (IReadOnlyDictionary<string, int> or null, optional), "
                        + "seed (int, optional)", error.Message);
    }

    [Fact]
    public void An_unknown_field_is_an_error_not_silently_dropped()
    {
        var error = Assert.Throws<MessageValidationException>(() => MessageJsonReader.Read(
            $$"""{ "$type": "CancelDistillation", "requestId": "{{RequestId}}", "reson": "typo" }""", "cmd.json", null));

        Assert.Contains("reson", error.Message);
    }

    [Fact]
    public void Enums_given_as_numbers_are_refused()
    {
        var error = Assert.Throws<MessageValidationException>(() => MessageJsonReader.Read(
            $$"""{ "requestId": "{{RequestId}}", "generatorId": "g", "pointsPerClass": 4, "distribution": 1 }""", "cmd.json", "SampleSyntheticSet"));

        Assert.Contains("distribution", error.Message);
    }

    [Fact]
    public void An_unknown_type_lists_the_known_commands()
    {
        var error = Assert.Throws<MessageValidationException>(() => MessageJsonReader.Read("{}", "cmd.json", "TrainEverything"));

        Assert.Contains("Unknown message type 'TrainEverything'", error.Message);
        Assert.Contains("RunDistillationPipeline", error.Message);
        Assert.Contains("ExtractFeatures", error.Message);
    }

    [Fact]
    public void A_document_without_a_type_asks_for_one()
    {
        var error = Assert.Throws<MessageValidationException>(() => MessageJsonReader.Read("{}", "cmd.json", null));

        Assert.Contains("\"$type\"", error.Message);
        Assert.Contains("--type", error.Message);
    }

    [Fact]
    public void A_type_field_contradicting_the_option_is_refused()
    {
        var error = Assert.Throws<MessageValidationException>(() =>
            MessageJsonReader.Read("""{ "$type": "CancelPipeline" }""", "cmd.json", "CancelDistillation"));

        Assert.Contains("remove one of them", error.Message);
    }

    [Fact]
    public void Invalid_json_is_reported_as_such() =>
        Assert.Contains("is not valid JSON", Assert.Throws<MessageValidationException>(() => MessageJsonReader.Read("{ \"a\": ", "cmd.json", null)).Message);
}
