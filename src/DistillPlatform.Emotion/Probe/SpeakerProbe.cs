using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Metrics.Reports;
using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;
using DistillPlatform.Torch.optim;

namespace DistillPlatform.Emotion.Probe;

/// <summary>The probe's result with the sizes it was measured on.</summary>
/// <param name="Result">Accuracy, speaker count and chance level (the majority speaker's share of the probe-test set).</param>
/// <param name="Speakers">The speakers the probe chose between.</param>
public sealed record SpeakerProbeReport(SpeakerProbeResult Result, IReadOnlyList<string> Speakers, int ProbeTrainUtterances, int ProbeTestUtterances);

/// <summary>
/// The privacy check of the paper's Table 4: how much speaker identity survives in the emotion model's first layer.
/// Each utterance is embedded as the masked mean of the frozen first layer's outputs; a linear speaker classifier
/// is trained on part of every speaker's utterances and tested on the rest (stratified by speaker).
/// </summary>
public static class SpeakerProbe
{
    private const int EmbeddingBatchSize = 64;

    /// <param name="model">The trained emotion head; only read.</param>
    /// <param name="utterances">Real utterances of the training speakers (speaker index ≥ 0); unknown speakers are ignored.</param>
    /// <exception cref="ArgumentException">Fewer than two speakers with at least two utterances each.</exception>
    public static SpeakerProbeReport Run(EmotionHead model, EmotionDataset utterances, SpeakerProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(utterances);
        options ??= new SpeakerProbeOptions();
        options.Validate();
        if (utterances.Dimensions != model.InputDimensions)
            throw new ArgumentException($"The utterances have {utterances.Dimensions}-dimensional features; the model expects {model.InputDimensions}.", nameof(utterances));

        var (train, test, speakers) = SplitBySpeaker(utterances, options);
        using var scope = torch.NewDisposeScope();
        var trainEmbeddings = Embed(model, utterances, train.Positions);
        var testEmbeddings = Embed(model, utterances, test.Positions);

        // Standardise with the probe-train statistics: a linear probe can undo any scaling, but Adam converges far
        // faster on unit-scale inputs, which keeps the fixed step budget fair across models.
        var mean = trainEmbeddings.mean(0, keepdim: true);
        var std = trainEmbeddings.std(0, unbiased: false, keepdim: true).clamp_min(1e-6);
        var trainInputs = (trainEmbeddings - mean) / std;
        var testInputs = (testEmbeddings - mean) / std;
        var trainTargets = torch.tensor(train.Speakers);
        long[] testTargets = test.Speakers;

        torch.manual_seed(options.Seed);
        using var probe = new Linear(trainInputs.size(1), speakers.Count);
        using (var optimizer = new Adam(probe.parameters(), lr: options.LearningRate))
        {
            for (int step = 0; step < options.Epochs; step++)
            {
                using var stepScope = torch.NewDisposeScope();
                optimizer.zero_grad();
                Functional.cross_entropy(probe.call(trainInputs), trainTargets).backward();
                optimizer.step();
            }
        }

        long[] predicted;
        using (torch.no_grad())
            predicted = probe.call(testInputs).argmax(1).ToArray<long>();
        int correct = predicted.Where((p, i) => p == testTargets[i]).Count();
        double majorityShare = testTargets.GroupBy(s => s).Max(g => g.Count()) / (double)testTargets.Length;
        var result = new SpeakerProbeResult((double)correct / testTargets.Length, speakers.Count, majorityShare);
        return new SpeakerProbeReport(result, speakers, train.Positions.Length, test.Positions.Length);
    }

    /// <summary>Positions with their speaker renumbered 0..S-1.</summary>
    private sealed record ProbePart(int[] Positions, long[] Speakers);

    private static (ProbePart Train, ProbePart Test, IReadOnlyList<string> Speakers) SplitBySpeaker(EmotionDataset data, SpeakerProbeOptions options)
    {
        var bySpeaker = Enumerable.Range(0, data.Count)
            .Where(p => data.SpeakerAt(p) >= 0)
            .GroupBy(data.SpeakerAt)
            .Where(g => g.Count() >= 2) // one utterance cannot be both trained on and tested
            .OrderBy(g => g.Key)
            .ToArray();
        if (bySpeaker.Length < 2)
            throw new ArgumentException(
                "The speaker probe needs at least 2 known speakers with 2 or more utterances each; " +
                $"the dataset has {bySpeaker.Length}. Use real training-speaker utterances (synthetic sets have no speakers).");

        var random = new SeededRandom(options.Seed);
        var train = new List<(int Position, long Speaker)>();
        var test = new List<(int Position, long Speaker)>();
        for (int label = 0; label < bySpeaker.Length; label++)
        {
            int[] positions = bySpeaker[label].ToArray();
            random.Shuffle(positions);
            int testCount = Math.Clamp((int)Math.Round(options.TestFraction * positions.Length, MidpointRounding.AwayFromZero), 1, positions.Length - 1);
            test.AddRange(positions.Take(testCount).Select(p => (p, (long)label)));
            train.AddRange(positions.Skip(testCount).Select(p => (p, (long)label)));
        }
        string[] names = bySpeaker.Select(g => data.SpeakerNames[g.Key]).ToArray();
        return (new ProbePart(train.Select(t => t.Position).ToArray(), train.Select(t => t.Speaker).ToArray()),
                new ProbePart(test.Select(t => t.Position).ToArray(), test.Select(t => t.Speaker).ToArray()),
                names);
    }

    /// <summary>Masked mean of the frozen first layer per utterance, [N, hidden]; created in the caller's scope.</summary>
    private static Tensor Embed(EmotionHead model, EmotionDataset data, int[] positions)
    {
        var pieces = new List<Tensor>();
        using (torch.no_grad())
        {
            foreach (int[] chunk in positions.Chunk(EmbeddingBatchSize))
            {
                var batch = data.Batch(chunk);
                pieces.Add(MaskedPooling.Mean(model.ForwardEmbedding(batch.Features, batch.Mask), batch.Mask));
            }
            return torch.cat(pieces, 0);
        }
    }
}
