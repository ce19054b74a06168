using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.Extraction;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Features.Tests.DemoCorpus;
using DistillPlatform.Features.Tests.Encoders;

namespace DistillPlatform.Features.Tests.Extraction;

public class FeatureExtractorTests(ExtractionFixture fixture, TinyEncoderExport onnxModel)
    : IClassFixture<ExtractionFixture>, IClassFixture<TinyEncoderExport>
{
    private IEnumerable<string[]> Rows => fixture.ManifestLines.Skip(1).Select(line => line.Split(','));

    [Fact]
    public void The_feature_set_holds_every_utterance_with_its_class_speaker_and_split()
    {
        FeatureSetReader reader = FeatureSetReader.Open(fixture.Result.Directory);
        FeatureSetManifest manifest = reader.Manifest;
        Dictionary<string, string[]> rowByPath = Rows.ToDictionary(r => r[0], StringComparer.Ordinal);

        Assert.False(fixture.Result.FromCache);
        Assert.Equal("logmel-80-25ms-10ms", manifest.EncoderId);
        Assert.Equal(80, manifest.Dimensions);
        Assert.Equal(100, manifest.FrameRateHz);
        Assert.Equal(Rows.Select(r => r[1]).Distinct().Order(StringComparer.Ordinal), manifest.Classes);
        Assert.Equal(Rows.Select(r => r[2]).Distinct().Order(StringComparer.Ordinal), manifest.Speakers);
        Assert.Equal(fixture.Corpus.UtteranceCount, manifest.Splits.Values.Sum(s => s.Utterances));
        Assert.Equal(3, manifest.Splits.Count);

        // The split assignment is the resolver's: same utterances, in manifest order, in each split.
        ResolvedCorpus resolved = new CorpusResolver().Resolve(fixture.Request.Corpus);
        var seen = new List<string>();
        foreach (DataSplit split in Enum.GetValues<DataSplit>())
        {
            FeatureData data = reader.ReadSplit(split);
            Assert.Equal(resolved.InSplit(split).Select(u => u.Id), data.UtteranceIds);
            for (int i = 0; i < data.Count; i++)
            {
                string[] row = rowByPath[data.UtteranceIds[i]];
                Assert.Equal(row[1], manifest.Classes[(int)data.Labels[i]]);
                Assert.Equal(row[2], manifest.Speakers[(int)data.Speakers[i]]);
            }
            seen.AddRange(data.UtteranceIds);
        }
        Assert.Equal(rowByPath.Keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Empty(manifest.Split(DataSplit.Test)!.Speakers.Intersect(manifest.Split(DataSplit.Train)!.Speakers));
    }

    [Fact]
    public void Every_utterance_has_about_100_frames_per_second_of_audio()
    {
        FeatureSetReader reader = FeatureSetReader.Open(fixture.Result.Directory);
        foreach (DataSplit split in reader.Splits)
        {
            FeatureData data = reader.ReadSplit(split);
            for (int i = 0; i < data.Count; i++)
            {
                double seconds = WavDurationSeconds(data.UtteranceIds[i]);
                // Centred frames every 10 ms: 1 + floor(samples / 160) at 16 kHz, within a frame or two after resampling.
                Assert.InRange(data.Lengths[i], seconds * 100 - 2, seconds * 100 + 2);
            }
        }
    }

    [Fact]
    public void Progress_is_reported_after_every_utterance_with_the_audio_seconds_processed()
    {
        IReadOnlyList<ExtractionProgress> reports = fixture.ProgressReports;
        int total = fixture.Corpus.UtteranceCount;

        Assert.Equal(Enumerable.Range(1, total), reports.Select(r => r.UtterancesDone));
        Assert.All(reports, r => Assert.Equal(total, r.UtterancesTotal));
        double expectedSeconds = Rows.Sum(r => WavDurationSeconds(r[0]));
        Assert.Equal(expectedSeconds, reports[^1].AudioSecondsDone, 6);
        Assert.True(reports[^1].AudioSecondsPerSecond > 0);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void Normalisation_statistics_come_from_the_train_split_only()
    {
        FeatureSetReader reader = FeatureSetReader.Open(fixture.Result.Directory);
        FeatureNormalization stats = reader.Manifest.Normalization!;
        FeatureData train = reader.ReadSplit(DataSplit.Train);
        (double[] trainMean, double[] trainStd) = TwoPassMeanStd([train]);

        Assert.Equal("train", stats.Split);
        Assert.Equal(train.Lengths.Sum(), stats.Frames);
        for (int d = 0; d < reader.Manifest.Dimensions; d++)
        {
            Assert.Equal(trainMean[d], stats.Mean[d], 1e-9 * Math.Max(1, Math.Abs(trainMean[d])));
            Assert.Equal(trainStd[d], stats.Std[d], 1e-9 * Math.Max(1, trainStd[d]));
        }

        // Statistics over every split differ clearly, so the comparison above really tells train-only apart.
        (double[] allMean, _) = TwoPassMeanStd(reader.Splits.Select(reader.ReadSplit).ToList());
        Assert.True(allMean.Zip(stats.Mean).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public async Task The_same_request_again_returns_the_existing_set_without_recomputing()
    {
        string manifestPath = Path.Combine(fixture.Result.Directory, FeatureSetLayout.ManifestFileName);
        DateTime writtenAt = File.GetLastWriteTimeUtc(manifestPath);
        var recorder = new ProgressRecorder();

        FeatureExtractionResult again = await new FeatureExtractor().ExtractAsync(fixture.Request, fixture.Result.Directory, recorder);

        Assert.True(again.FromCache);
        Assert.Equal(fixture.Result.Manifest.Id, again.Manifest.Id);
        Assert.Empty(recorder.Reports);
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(manifestPath));
    }

    [Fact]
    public async Task Planning_gives_the_feature_set_id_without_extracting()
    {
        FeatureExtractionPlan plan = await new FeatureExtractor().PlanAsync(fixture.Request);

        Assert.Equal(fixture.Result.Manifest.Id, plan.FeatureSetId);
        Assert.Equal(fixture.Corpus.UtteranceCount, plan.Corpus.Utterances.Count);
        Assert.Equal(fixture.Result.Manifest.SourceCorpusHash, plan.Description.SourceCorpusHash);
    }

    [Fact]
    public async Task An_onnx_encoder_spec_extracts_with_the_model()
    {
        // Two speakers, two utterances per class each: enough to cover the ONNX path without a long run.
        string[][] subset = Rows.GroupBy(r => r[2]).OrderBy(g => g.Key, StringComparer.Ordinal).Take(2)
            .SelectMany(speaker => speaker.GroupBy(r => r[1]).SelectMany(label => label.Take(2))).ToArray();
        string folder = fixture.NewFolder();
        string manifestPath = Path.Combine(folder, "labels.csv");
        File.WriteAllLines(manifestPath, [fixture.ManifestLines[0], .. subset.Select(r => string.Join(',', r))]);
        FeatureExtractionRequest request = fixture.RequestFor(manifestPath) with
        {
            Corpus = fixture.RequestFor(manifestPath).Corpus with
            {
                Split = SpeakerIndependentSplitPolicy.WithTestSpeakers([subset[^1][2]], devFraction: 0, seed: 1),
            },
            Encoder = EncoderSpec.ForOnnx(onnxModel.ModelPath, "mean-all", threads: 1),
        };

        FeatureExtractionResult result = await new FeatureExtractor().ExtractAsync(request, Path.Combine(folder, "features"));

        FeatureSetReader reader = FeatureSetReader.Open(result.Directory);
        Assert.Equal($"onnx-{onnxModel.Sha256[..16]}-mean-all", reader.Manifest.EncoderId);
        Assert.Equal(onnxModel.Dimensions, reader.Manifest.Dimensions);
        Assert.Equal(16000.0 / onnxModel.SamplesPerFrame, reader.Manifest.FrameRateHz);
        Assert.Equal(subset.Length, reader.Manifest.Splits.Values.Sum(s => s.Utterances));
        FeatureData train = reader.ReadSplit(DataSplit.Train);
        for (int i = 0; i < train.Count; i++)
        {
            // A strided convolution stack: one frame per 320 samples, less the receptive field's overhang.
            double expectedFrames = WavDurationSeconds(train.UtteranceIds[i]) * reader.Manifest.FrameRateHz;
            Assert.InRange(train.Lengths[i], expectedFrames - 2, expectedFrames + 1);
        }
    }

    [Fact]
    public async Task A_corrupt_wav_fails_validation_naming_its_row()
    {
        (string manifestPath, string corruptPath, int corruptLine) = ManifestWithCorruptWav();
        // The 12-byte header check alone would let this file through; decoding during validation catches it.
        Assert.Null(WaveHeaderCheck.Check(corruptPath));

        var error = await Assert.ThrowsAsync<CorpusValidationException>(
            () => new FeatureExtractor().ExtractAsync(fixture.RequestFor(manifestPath), Path.Combine(fixture.NewFolder(), "features")));

        CorpusProblem problem = Assert.Single(error.Report.Problems);
        Assert.Equal(corruptLine, problem.LineNumber);
        Assert.Equal(CorpusProblemKind.UnreadableAudio, problem.Kind);
        Assert.Contains($"line {corruptLine} ({corruptPath})", error.Message);
        Assert.Contains("fmt", problem.Message);
    }

    [Fact]
    public async Task Skipping_bad_rows_reports_the_corrupt_wav_and_extracts_the_rest_identically_with_one_worker()
    {
        (string manifestPath, _, int corruptLine) = ManifestWithCorruptWav();
        string output = Path.Combine(fixture.NewFolder(), "features");

        // One worker here, several for the shared extraction: the shards must not depend on the timing.
        FeatureExtractionResult result = await new FeatureExtractor(new FeatureExtractorOptions { MaxParallelism = 1 })
            .ExtractAsync(fixture.RequestFor(manifestPath, skipBadRows: true), output);

        Assert.Equal(corruptLine, Assert.Single(result.Validation.Problems).LineNumber);
        Assert.Equal(1, result.Validation.BadRowCount);
        Assert.False(result.FromCache);
        Assert.Equal(fixture.Corpus.UtteranceCount, result.Manifest.Splits.Values.Sum(s => s.Utterances));
        // A skipped row does not count towards the corpus content, so this is the clean corpus's feature set.
        Assert.Equal(fixture.Result.Manifest.Id, result.Manifest.Id);
        Assert.Equal(ShardHashes(fixture.Result.Manifest), ShardHashes(FeatureSetReader.Open(output).Manifest));
    }

    [Fact]
    public async Task Cancelling_leaves_no_feature_set_and_no_partial_folder()
    {
        string parent = fixture.NewFolder();
        string output = Path.Combine(parent, "features");
        using var cancellation = new CancellationTokenSource();
        var recorder = new ProgressRecorder(p =>
        {
            if (p.UtterancesDone == 3) cancellation.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new FeatureExtractor().ExtractAsync(fixture.Request, output, recorder, cancellation.Token));

        Assert.Equal(3, recorder.Reports.Count);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public async Task An_output_folder_holding_another_feature_set_is_refused()
    {
        FeatureExtractionRequest otherSplit = fixture.Request with
        {
            Corpus = fixture.Request.Corpus with { Split = SpeakerIndependentSplitPolicy.WithTestFraction(0.25, devFraction: 0.2, seed: 6) },
        };

        var error = await Assert.ThrowsAsync<FeatureExtractionException>(
            () => new FeatureExtractor().ExtractAsync(otherSplit, fixture.Result.Directory));

        Assert.Contains($"already holds feature set {fixture.Result.Manifest.Id}", error.Message);
        Assert.NotNull(FeatureSetReader.Open(fixture.Result.Directory));
    }

    [Fact]
    public async Task An_output_folder_with_other_files_is_refused()
    {
        string output = fixture.NewFolder();
        await File.WriteAllTextAsync(Path.Combine(output, "notes.txt"), "not a feature set");

        var error = await Assert.ThrowsAsync<FeatureExtractionException>(
            () => new FeatureExtractor().ExtractAsync(fixture.Request, output));

        Assert.Contains("no manifest.json", error.Message);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_encoder_expecting_another_sample_rate_is_refused_before_any_work()
    {
        FeatureExtractionRequest mismatched = fixture.Request with
        {
            Preprocessing = fixture.Request.Preprocessing with { TargetSampleRate = 22050 },
        };
        string output = Path.Combine(fixture.NewFolder(), "features");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new FeatureExtractor().ExtractAsync(mismatched, output));

        Assert.Contains("expects 16000 Hz audio", error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_missing_onnx_model_fails_before_the_corpus_is_read()
    {
        string missing = Path.Combine(fixture.NewFolder(), "model.onnx");
        string output = Path.Combine(fixture.NewFolder(), "features");
        FeatureExtractionRequest request = fixture.Request with { Encoder = EncoderSpec.ForOnnx(missing) };

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new FeatureExtractor().ExtractAsync(request, output));

        Assert.Equal(missing, error.FileName);
        Assert.False(Directory.Exists(output));
    }

    /// <summary>The demo manifest plus one row whose file has a RIFF/WAVE header and a cut-off fmt chunk.</summary>
    private (string ManifestPath, string CorruptPath, int CorruptLine) ManifestWithCorruptWav()
    {
        string folder = fixture.NewFolder();
        string corruptPath = Path.Combine(folder, "corrupt.wav");
        using (var writer = new BinaryWriter(File.Create(corruptPath)))
        {
            writer.Write("RIFF"u8);
            writer.Write(24);
            writer.Write("WAVE"u8);
            writer.Write("fmt "u8);
            writer.Write(16);           // announces 16 bytes of format ...
            writer.Write((short)1);     // ... but only 4 follow
            writer.Write((short)1);
        }
        string[] firstRow = Rows.First();
        string manifestPath = Path.Combine(folder, "labels.csv");
        File.WriteAllLines(manifestPath, [.. fixture.ManifestLines, $"{corruptPath},{firstRow[1]},{firstRow[2]}"]);
        return (manifestPath, corruptPath, fixture.ManifestLines.Length + 1);
    }

    private double WavDurationSeconds(string relativePath)
    {
        byte[] file = File.ReadAllBytes(Path.Combine(fixture.Corpus.Directory, relativePath));
        WaveHeader header = WaveHeader.Read(file);
        return (double)header.DataSize / header.ByteRate;
    }

    private static string[] ShardHashes(FeatureSetManifest manifest) =>
        manifest.Splits.Values.SelectMany(s => s.Shards).Select(s => $"{s.File}:{s.Sha256}").ToArray();

    /// <summary>Mean and population std per dimension, the textbook way: a pass for the mean, a pass for the deviations.</summary>
    private static (double[] Mean, double[] Std) TwoPassMeanStd(IReadOnlyList<FeatureData> parts)
    {
        int dims = parts[0].Dimensions;
        var mean = new double[dims];
        long frames = 0;
        foreach (FeatureData part in parts)
        {
            for (int i = 0; i < part.Features.Length; i++) mean[i % dims] += part.Features[i];
            frames += part.Features.Length / dims;
        }
        for (int d = 0; d < dims; d++) mean[d] /= frames;
        var variance = new double[dims];
        foreach (FeatureData part in parts)
        {
            for (int i = 0; i < part.Features.Length; i++)
            {
                double deviation = part.Features[i] - mean[i % dims];
                variance[i % dims] += deviation * deviation;
            }
        }
        return (mean, variance.Select(v => Math.Sqrt(v / frames)).ToArray());
    }
}
