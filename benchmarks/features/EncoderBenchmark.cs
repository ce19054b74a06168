using System.Diagnostics;
using System.Globalization;
using DistillPlatform.Features.Audio;
using DistillPlatform.Features.Encoders;

namespace DistillPlatform.Benchmarks.Features;

/// <summary>A corpus recording and its duration as stored.</summary>
public sealed record CorpusFile(string Path, double DurationSeconds);

/// <summary>One encoder to time; <see cref="Name"/> prefixes its keys on the summary line ("logmel" gives logmel_rtf).</summary>
/// <param name="MaxFiles">Time only the first files of the corpus (a large SSL encoder on one core would otherwise
/// take most of an hour over the whole corpus); null for all.</param>
public sealed record EncoderBenchmark(string Name, Func<IFrameEncoder> CreateEncoder, int? MaxFiles = null);

/// <summary>Timing of the full path from file to features for one encoder over a corpus.</summary>
/// <param name="CpuSeconds">CPU time the process used during the timed pass. On a quiet machine it equals the wall
/// time; on a loaded shared machine the wall time also counts waiting for the core, the CPU time does not.</param>
public sealed record EncoderTiming(string Name, string EncoderId, int Files, double AudioSeconds, double LoadSeconds, double EncodeSeconds, double CpuSeconds)
{
    public double WallSeconds => LoadSeconds + EncodeSeconds;

    /// <summary>Seconds of audio processed per second of wall time (decode + resample + preprocess + encode).</summary>
    public double RealTimeFactor => AudioSeconds / WallSeconds;

    /// <summary>Seconds of audio processed per second of CPU time on the one core.</summary>
    public double CpuRealTimeFactor => AudioSeconds / CpuSeconds;

    /// <summary>"NAME_rtf=W NAME_cpu_rtf=C" for the summary line.</summary>
    public string SummaryFields => string.Create(CultureInfo.InvariantCulture, $"{Name}_rtf={RealTimeFactor:F0} {Name}_cpu_rtf={CpuRealTimeFactor:F0}");
}

/// <summary>Runs every file through <see cref="AudioLoader"/> and an encoder, timing both stages.</summary>
public static class EncoderTimer
{
    private const int TimedPasses = 3;

    /// <param name="files">Corpus files with their decoded durations (real time is measured on the recording as
    /// stored, before silence trimming shortens it).</param>
    public static EncoderTiming Measure(EncoderBenchmark benchmark, IReadOnlyList<CorpusFile> files, AudioPreprocessing preprocessing)
    {
        if (benchmark.MaxFiles is int maxFiles) files = files.Take(maxFiles).ToList();
        using var encoder = benchmark.CreateEncoder();
        if (encoder.SampleRate != preprocessing.TargetSampleRate)
        {
            throw new InvalidOperationException($"Encoder {encoder.Id} expects {encoder.SampleRate} Hz but preprocessing produces {preprocessing.TargetSampleRate} Hz.");
        }

        var loader = new AudioLoader(preprocessing);
        // Warm-up over the whole corpus: fills the OS page cache and lets tiered JIT finish promoting the hot loops
        // to optimised code (its background compiler is slow to get a turn on a busy machine), so the timed pass
        // measures steady state.
        foreach (var file in files)
        {
            encoder.Encode(loader.Load(file.Path).Samples);
        }

        // The machine may be shared: repeat the timed pass and keep the fastest wall and CPU times, the ones least
        // disturbed by other work.
        var passes = Enumerable.Range(0, TimedPasses).Select(_ => TimePass(benchmark.Name, encoder, loader, files)).ToList();
        return passes.MinBy(pass => pass.WallSeconds)! with { CpuSeconds = passes.Min(pass => pass.CpuSeconds) };
    }

    private static EncoderTiming TimePass(string name, IFrameEncoder encoder, AudioLoader loader, IReadOnlyList<CorpusFile> files)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        double audioSeconds = 0;
        var loadTime = new Stopwatch();
        var encodeTime = new Stopwatch();
        long frames = 0;
        foreach (var file in files)
        {
            loadTime.Start();
            var clip = loader.Load(file.Path);
            loadTime.Stop();

            encodeTime.Start();
            frames += encoder.Encode(clip.Samples).Frames;
            encodeTime.Stop();

            audioSeconds += file.DurationSeconds;
        }

        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        GC.KeepAlive(frames);
        return new EncoderTiming(name, encoder.Id, files.Count, audioSeconds, loadTime.Elapsed.TotalSeconds, encodeTime.Elapsed.TotalSeconds, cpuSeconds);
    }
}
