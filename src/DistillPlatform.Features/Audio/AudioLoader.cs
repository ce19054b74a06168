using System.Collections.Concurrent;

namespace DistillPlatform.Features.Audio;

/// <summary>
/// The audio front end: decode a file to mono, resample to the target rate, trim silence, normalise the level,
/// in that order (trimming first so silence does not lower the RMS measured for normalisation).
/// Thread-safe; resamplers are designed once per source rate and shared.
/// </summary>
public sealed class AudioLoader
{
    private readonly AudioFileReader _reader;
    private readonly ConcurrentDictionary<int, PolyphaseResampler> _resamplersBySourceRate = new();

    public AudioLoader(AudioPreprocessing preprocessing, AudioFileReader? reader = null)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        preprocessing.Validate();
        Preprocessing = preprocessing;
        _reader = reader ?? new AudioFileReader();
    }

    public AudioPreprocessing Preprocessing { get; }

    /// <summary>Decodes and preprocesses one file.</summary>
    public AudioClip Load(string path) => Preprocess(_reader.Read(path));

    /// <summary>Applies resampling, trimming and normalisation to an already decoded mono clip.</summary>
    public AudioClip Preprocess(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var samples = clip.SampleRate == Preprocessing.TargetSampleRate
            ? clip.Samples
            : _resamplersBySourceRate
                .GetOrAdd(clip.SampleRate, sourceRate => new PolyphaseResampler(sourceRate, Preprocessing.TargetSampleRate))
                .Process(clip.Samples);

        if (Preprocessing.TrimSilence)
        {
            samples = SilenceTrimmer.Trim(samples, Preprocessing.TargetSampleRate, Preprocessing.TrimThresholdDb, Preprocessing.TrimMarginMilliseconds);
        }

        samples = LevelNormalizer.Normalize(samples, Preprocessing.Normalization, Preprocessing.TargetLevelDbfs);
        return new AudioClip(samples, Preprocessing.TargetSampleRate);
    }
}
