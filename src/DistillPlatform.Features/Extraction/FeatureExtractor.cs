using System.Diagnostics;
using System.Threading.Channels;
using DistillPlatform.Features.Audio;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.Encoders;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Features.Extraction;

/// <summary>
/// Turns a corpus into a feature set folder: validates the corpus (every audio file is decoded once, so bad rows are
/// reported before any work), works out the deterministic <see cref="FeatureSetId"/>, and unless the output folder
/// already holds that set, decodes, preprocesses and encodes every utterance and writes them with a
/// <see cref="FeatureSetWriter"/>, which also stores the train split's per-dimension statistics in the manifest.
/// </summary>
/// <remarks>
/// <para>Utterances stream through a bounded pipeline: up to <see cref="FeatureExtractorOptions.MaxParallelism"/> are
/// decoded and encoded at once on the thread pool while a single consumer writes them in manifest order, so the
/// shards are the same whatever the timing, and memory holds at most two more utterances than that plus one shard
/// per split.</para>
/// <para>The set is written into a sibling staging folder and moved into place only once complete, so the output
/// folder either does not exist or holds a finished feature set, even after a crash or cancellation.</para>
/// </remarks>
public sealed class FeatureExtractor
{
    private const string StagingSuffix = ".partial-";

    private readonly FeatureExtractorOptions _options;
    private readonly AudioFileReader _audioReader;
    private readonly DecodingAudioCheck _audioCheck;

    public FeatureExtractor(FeatureExtractorOptions? options = null)
    {
        _options = options ?? new FeatureExtractorOptions();
        if (_options.MaxParallelism < 1)
        {
            throw new ArgumentException($"MaxParallelism must be at least 1, got {_options.MaxParallelism}.", nameof(options));
        }
        var sox = new SoxConverter();
        _audioReader = new AudioFileReader(sox);
        _audioCheck = new DecodingAudioCheck(sox);
    }

    /// <summary>
    /// Extracts the feature set <paramref name="request"/> describes into <paramref name="outputDirectory"/>, or
    /// returns the one already there (<see cref="FeatureExtractionResult.FromCache"/>) when it has the same id.
    /// </summary>
    /// <param name="progress">Told after every utterance written; called from one thread at a time.</param>
    /// <exception cref="CorpusValidationException">The corpus has problems (each names its manifest row).</exception>
    /// <exception cref="FeatureExtractionException">An utterance failed to encode, or the output folder holds something else.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing is left in the output folder.</exception>
    public async Task<FeatureExtractionResult> ExtractAsync(
        FeatureExtractionRequest request,
        string outputDirectory,
        IProgress<ExtractionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        request.Preprocessing.Validate();
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));

        // Validation, content hashing and loading the encoder block on I/O and CPU: keep them off the caller's thread.
        (ResolvedCorpus corpus, FeatureSetDescription description, IFrameEncoder encoder) =
            await Task.Run(() => Prepare(request, cancellationToken), cancellationToken);
        using (encoder)
        {
            FeatureSetManifest? existing = FindComplete(target, description.Id);
            if (existing is not null)
            {
                return new FeatureExtractionResult(existing, target, FromCache: true, corpus.Report);
            }

            string staging = target + StagingSuffix + Guid.NewGuid().ToString("N");
            try
            {
                var writer = new FeatureSetWriter(staging, description, _options.Writer with { ComputeNormalization = true });
                var loader = new AudioLoader(request.Preprocessing, _audioReader);
                FeatureSetManifest manifest = await EncodeAndWriteAsync(corpus, loader, encoder, writer, progress, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                MoveIntoPlace(staging, target, description.Id);
                return new FeatureExtractionResult(manifest, target, FromCache: false, corpus.Report);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }
    }

    private (ResolvedCorpus, FeatureSetDescription, IFrameEncoder) Prepare(FeatureExtractionRequest request, CancellationToken cancellationToken)
    {
        // The encoder comes first: a missing model or a rate mismatch is reported before the corpus is read.
        IFrameEncoder encoder = EncoderFactory.Create(request.Encoder);
        try
        {
            if (encoder.SampleRate != request.Preprocessing.TargetSampleRate)
            {
                throw new ArgumentException(
                    $"Encoder '{encoder.Id}' expects {encoder.SampleRate} Hz audio, but the preprocessing resamples to " +
                    $"{request.Preprocessing.TargetSampleRate} Hz; set Preprocessing.TargetSampleRate to {encoder.SampleRate}.");
            }
            ResolvedCorpus corpus = new CorpusResolver(_audioCheck.Check).Resolve(request.Corpus);
            cancellationToken.ThrowIfCancellationRequested();
            string contentHash = CorpusContentHash.Compute(corpus);
            cancellationToken.ThrowIfCancellationRequested();

            FeatureSetDescription description = FeatureSetDescription.ForCorpus(
                corpus,
                contentHash,
                encoder.Id,
                EncoderFactory.DescribeConfig(request.Encoder, encoder),
                encoder.FrameRateHz,
                encoder.Dimensions,
                request.Preprocessing.Id,
                _options.CreatedBy);
            return (corpus, description, encoder);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the bounded pipeline: a producer starts one encoding task per utterance, in manifest order, and queues
    /// the tasks in a channel of capacity MaxParallelism (waiting while it is full); the consumer takes the tasks in
    /// the same order, awaits each one and hands the result to the writer.
    /// </summary>
    private async Task<FeatureSetManifest> EncodeAndWriteAsync(
        ResolvedCorpus corpus,
        AudioLoader loader,
        IFrameEncoder encoder,
        FeatureSetWriter writer,
        IProgress<ExtractionProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Channel<Task<EncodedUtterance>> pending = Channel.CreateBounded<Task<EncodedUtterance>>(
            new BoundedChannelOptions(_options.MaxParallelism) { SingleReader = true, SingleWriter = true });
        Task producer = Task.Run(() => StartEncodingInOrderAsync(corpus.Utterances, loader, encoder, pending.Writer, stop.Token), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        int done = 0;
        double audioSeconds = 0;
        try
        {
            await foreach (Task<EncodedUtterance> encoding in pending.Reader.ReadAllAsync(stop.Token))
            {
                // Checked here too: while encoded utterances are queued, the channel hands them out without looking
                // at the token, so cancellation would otherwise only take effect once the queue ran dry.
                stop.Token.ThrowIfCancellationRequested();
                EncodedUtterance encoded = await encoding;
                CorpusUtterance utterance = encoded.Utterance;
                writer.Add(utterance.Split, utterance.Id, utterance.ClassIndex, utterance.SpeakerIndex, encoded.Features.Frames, encoded.Features.Values);
                done++;
                audioSeconds += encoded.SourceSeconds;
                progress?.Report(new ExtractionProgress(done, corpus.Utterances.Count, audioSeconds, clock.Elapsed));
            }
            return writer.Complete();
        }
        finally
        {
            // On failure or cancellation, stop the producer and wait for the encodings already started (their
            // outcome no longer matters), so no background work outlives the call.
            stop.Cancel();
            await producer;
            while (pending.Reader.TryRead(out Task<EncodedUtterance>? abandoned))
            {
                await ((Task)abandoned).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task StartEncodingInOrderAsync(
        IReadOnlyList<CorpusUtterance> utterances,
        AudioLoader loader,
        IFrameEncoder encoder,
        ChannelWriter<Task<EncodedUtterance>> pending,
        CancellationToken cancellationToken)
    {
        Task<EncodedUtterance>? notQueued = null;
        try
        {
            foreach (CorpusUtterance utterance in utterances)
            {
                notQueued = Task.Run(() => Encode(utterance, loader, encoder, cancellationToken), cancellationToken);
                await pending.WriteAsync(notQueued, cancellationToken);
                notQueued = null;
            }
            pending.TryComplete();
        }
        catch (OperationCanceledException e)
        {
            pending.TryComplete(e);
            if (notQueued is not null)
            {
                await ((Task)notQueued).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private EncodedUtterance Encode(CorpusUtterance utterance, AudioLoader loader, IFrameEncoder encoder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string row = $"Utterance '{utterance.Id}' (manifest line {utterance.LineNumber})";
        AudioClip decoded, clip;
        FrameFeatures features;
        try
        {
            decoded = _audioReader.Read(utterance.AudioPath);
            clip = loader.Preprocess(decoded);
            features = encoder.Encode(clip.Samples);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FeatureExtractionException($"{row} could not be encoded: {e.Message}", e);
        }
        if (features.Frames < 1)
        {
            throw new FeatureExtractionException(
                $"{row} gives no feature frame: {clip.DurationSeconds:0.###} s of audio remain after preprocessing " +
                $"({loader.Preprocessing.Id}); remove the row from the manifest or turn silence trimming off.");
        }
        return new EncodedUtterance(utterance, features, decoded.DurationSeconds);
    }

    /// <summary>
    /// The complete feature set <paramref name="expectedId"/> in <paramref name="directory"/>; null when the folder
    /// is missing or empty. Anything else there is an error: this call never overwrites or mixes with other data.
    /// </summary>
    private static FeatureSetManifest? FindComplete(string directory, string expectedId)
    {
        if (!Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            return null;
        }
        if (!File.Exists(Path.Combine(directory, FeatureSetLayout.ManifestFileName)))
        {
            throw new FeatureExtractionException(
                $"Output folder '{directory}' holds files but no {FeatureSetLayout.ManifestFileName}, so it is not a feature set; " +
                "choose an empty or new folder, or delete this one.");
        }
        FeatureSetReader reader;
        try
        {
            reader = FeatureSetReader.Open(directory);
        }
        catch (FeatureSetFormatException e)
        {
            throw new FeatureExtractionException($"Output folder '{directory}' holds a broken feature set; delete it and run again. {e.Message}", e);
        }
        FeatureSetManifest manifest = reader.Manifest;
        if (manifest.Id != expectedId)
        {
            throw new FeatureExtractionException(
                $"Output folder '{directory}' already holds feature set {manifest.Id}, but this request produces {expectedId}; " +
                "write it into another folder (for example one named after the id).");
        }
        // Checking presence and size (not the SHA-256) keeps a cache hit cheap; readers verify hashes as they read.
        foreach (FeatureShardEntry shard in manifest.Splits.Values.SelectMany(s => s.Shards))
        {
            var file = new FileInfo(Path.Combine(directory, shard.File));
            if (!file.Exists || file.Length != shard.Bytes)
            {
                throw new FeatureExtractionException(
                    $"Output folder '{directory}' holds feature set {manifest.Id} but shard {shard.File} is " +
                    $"{(file.Exists ? $"{file.Length} bytes instead of {shard.Bytes}" : "missing")}; delete the folder and run again.");
            }
        }
        return manifest;
    }

    /// <summary>Renames the finished staging folder to the target, replacing an empty target folder.</summary>
    private static void MoveIntoPlace(string staging, string target, string id)
    {
        if (Directory.Exists(target) && !Directory.EnumerateFileSystemEntries(target).Any())
        {
            Directory.Delete(target);
        }
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target) && FindComplete(target, id) is not null)
        {
            // Another extraction of the same request finished first; its feature set is identical to ours.
        }
    }
}
