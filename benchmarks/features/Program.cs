using System.Diagnostics;
using System.Globalization;
using DistillPlatform.Benchmarks.Features;
using DistillPlatform.Features.Audio;
using DistillPlatform.Features.Encoders;
using DistillPlatform.OnnxRuntime;

// Feature-extraction throughput on one CPU core: for each encoder, decode + resample + preprocess + encode every
// recording of the corpus and report seconds of audio per second of wall time (NAME_rtf) and per second of CPU
// time (NAME_cpu_rtf, robust to a busy machine). Last line: "features: logmel_rtf=W logmel_cpu_rtf=C ...".
// Usage: FeaturesBenchmark --corpus DIR [--onnx-model FILE [--onnx-output NAME] [--onnx-files N]]
//   DIR holds wav/*.wav (e.g. <repo>/../shared/data/emodb); the ONNX encoder is timed on the first N files (16).

var corpus = ParseCorpus(args);
var wavDirectory = Path.Combine(corpus, "wav");
if (!Directory.Exists(wavDirectory))
{
    Console.Error.WriteLine($"Corpus folder '{wavDirectory}' not found: pass --corpus DIR with DIR/wav/*.wav.");
    return 2;
}

// One core, as the real-time factor is quoted per core; the machine is shared, so this also keeps the run fair.
if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
{
    Process.GetCurrentProcess().ProcessorAffinity = 1;
}

var reader = new AudioFileReader();
var files = Directory.GetFiles(wavDirectory, "*.wav").Order(StringComparer.Ordinal)
    .Select(path => new CorpusFile(path, reader.Read(path).DurationSeconds))
    .ToList();

// Encoders to time, each the same way. Add an entry here to benchmark another IFrameEncoder.
var benchmarks = new List<EncoderBenchmark> { new("logmel", () => new LogMelEncoder()) };
if (OptionValue(args, "--onnx-model") is { } onnxModel)
{
    var onnxOptions = new OnnxFrameEncoderOptions
    {
        Output = OptionValue(args, "--onnx-output") is { } output ? OnnxOutputSelection.ByName(output) : OnnxOutputSelection.First,
        Session = new OnnxSessionOptions { IntraOpThreads = 1 },
    };
    var onnxFiles = int.Parse(OptionValue(args, "--onnx-files") ?? "16", CultureInfo.InvariantCulture);
    benchmarks.Add(new("onnx", () => new OnnxFrameEncoder(onnxModel, onnxOptions), onnxFiles));
}

var preprocessing = AudioPreprocessing.Default;
Console.WriteLine($"corpus: {wavDirectory} ({files.Count} files, {files.Sum(f => f.DurationSeconds):F1} s of audio)");
Console.WriteLine($"preprocessing: {preprocessing.Id}; one core (affinity mask 1); {Environment.ProcessorCount} cores visible; " +
                  $"load average {LoadAverage()}");

var results = new List<EncoderTiming>();
foreach (var benchmark in benchmarks)
{
    var timing = EncoderTimer.Measure(benchmark, files, preprocessing);
    results.Add(timing);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{timing.EncoderId}: {timing.AudioSeconds:F1} s audio in {timing.WallSeconds:F3} s " +
        $"(decode+resample+preprocess {timing.LoadSeconds:F3} s, encode {timing.EncodeSeconds:F3} s) -> {timing.RealTimeFactor:F0}x real time; " +
        $"CPU {timing.CpuSeconds:F3} s -> {timing.CpuRealTimeFactor:F0}x"));
}

Console.WriteLine("features: " + string.Join(' ', results.Select(r => r.SummaryFields)));
return 0;

// Wall-time numbers are only meaningful on a quiet machine; the load average says how quiet it was.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string? OptionValue(string[] arguments, string name)
{
    for (var i = 0; i < arguments.Length - 1; i++)
    {
        if (arguments[i] == name)
        {
            return arguments[i + 1];
        }
    }

    return null;
}

static string ParseCorpus(string[] arguments) =>
    OptionValue(arguments, "--corpus") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/emodb"));
