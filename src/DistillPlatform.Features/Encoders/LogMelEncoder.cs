using System.Numerics;
using System.Runtime.InteropServices;

namespace DistillPlatform.Features.Encoders;

/// <summary>
/// Built-in log-mel spectrogram encoder: log(mel(|STFT|²) + 1e-6), by default 80 HTK mel bins from a 25 ms
/// periodic Hann window zero-padded to a 512-point FFT, every 10 ms, at 16 kHz.
/// </summary>
/// <remarks>
/// Framing follows <c>torch.stft(x, n_fft=512, hop_length=160, win_length=400, window=torch.hann_window(400),
/// center=True, pad_mode="reflect")</c>: frame t is centred on sample t·hop, the signal is mirrored (without
/// repeating the edge sample) where a window reaches past either end, and there are 1 + ⌊N / hop⌋ frames, so the
/// output rate is exactly 100 frames per second. Inputs shorter than the reflection needs (which torch rejects) are
/// mirrored repeatedly; an empty input gives zero frames.
/// The window is periodic Hann, w[n] = 0.5 − 0.5·cos(2πn / 400), torch.hann_window's default.
/// Only the power spectrum is used, which a circular shift of the FFT input does not change, so the 400 windowed
/// samples are placed at the start of the FFT buffer rather than centred in it as torch does.
/// Arithmetic is in double precision; output is float. Encode is thread-safe: each call owns its scratch buffers,
/// allocated once per call, never per frame.
/// </remarks>
public sealed class LogMelEncoder : IFrameEncoder
{
    private readonly LogMelSettings _settings;
    private readonly RealFft _fft;
    private readonly MelFilterbank _filterbank;
    private readonly double[] _window;
    private readonly int _windowLength;
    private readonly int _hopLength;
    private readonly int _windowOffset; // first sample of frame t's window is t·hop + _windowOffset

    public LogMelEncoder() : this(new LogMelSettings())
    {
    }

    public LogMelEncoder(LogMelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _windowLength = settings.WindowLength;
        _hopLength = settings.HopLength;
        _fft = new RealFft(settings.FftSize);
        _filterbank = new MelFilterbank(settings.MelBins, settings.FftSize, settings.SampleRate);
        _window = new double[_windowLength];
        for (var n = 0; n < _windowLength; n++)
        {
            _window[n] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / _windowLength);
        }

        // torch centres the frame on t·hop (padding n_fft/2 on the left) and the window inside the n_fft frame.
        _windowOffset = -(settings.FftSize / 2) + (settings.FftSize - _windowLength) / 2;
    }

    public string Id => _settings.Id;
    public int SampleRate => _settings.SampleRate;
    public int Dimensions => _settings.MelBins;
    public double FrameRateHz => (double)_settings.SampleRate / _hopLength;

    /// <summary>Frames produced for <paramref name="sampleCount"/> input samples: 1 + ⌊N / hop⌋, or 0 for empty input.</summary>
    public int FrameCount(int sampleCount) => sampleCount == 0 ? 0 : 1 + sampleCount / _hopLength;

    public FrameFeatures Encode(ReadOnlySpan<float> waveform)
    {
        var frames = FrameCount(waveform.Length);
        var dimensions = _settings.MelBins;
        var values = new float[frames * dimensions];

        // Frames go through the FFT RealFft.Lanes at a time, one per SIMD lane: lane l of every vector below belongs
        // to frame firstFrame + l. A last, partial group leaves stale data in its unused lanes, which is never read.
        var lanes = RealFft.Lanes;
        var fftInput = new Vector<double>[_fft.Size]; // samples beyond the window stay zero for every frame
        var laneSamples = MemoryMarshal.Cast<Vector<double>, double>(fftInput.AsSpan());
        var spectrumReal = new Vector<double>[_fft.BinCount];
        var spectrumImaginary = new Vector<double>[_fft.BinCount];
        var power = new Vector<double>[_fft.BinCount];
        var melEnergies = new Vector<double>[dimensions];
        var laneLogMelEnergies = MemoryMarshal.Cast<Vector<double>, double>(melEnergies.AsSpan());
        var logOffset = new Vector<double>(LogMelSettings.LogOffset);

        for (var firstFrame = 0; firstFrame < frames; firstFrame += lanes)
        {
            var framesInGroup = Math.Min(lanes, frames - firstFrame);
            for (var lane = 0; lane < framesInGroup; lane++)
            {
                WindowFrame(waveform, firstFrame + lane, laneSamples, lane);
            }

            _fft.Forward(fftInput, spectrumReal, spectrumImaginary);
            for (var bin = 0; bin < power.Length; bin++)
            {
                power[bin] = spectrumReal[bin] * spectrumReal[bin] + spectrumImaginary[bin] * spectrumImaginary[bin];
            }

            _filterbank.Apply(power, melEnergies);
            for (var m = 0; m < dimensions; m++)
            {
                melEnergies[m] = Vector.Log(melEnergies[m] + logOffset);
            }

            for (var lane = 0; lane < framesInGroup; lane++)
            {
                var row = values.AsSpan((firstFrame + lane) * dimensions, dimensions);
                for (var m = 0; m < dimensions; m++)
                {
                    row[m] = (float)laneLogMelEnergies[m * lanes + lane];
                }
            }
        }

        return new FrameFeatures(frames, dimensions, values);
    }

    /// <summary>Writes window[n] · sample of frame <paramref name="frame"/> into lane <paramref name="lane"/> of the
    /// first window-length FFT input vectors (laneSamples[n · lanes + lane]), reflecting at the signal's ends.</summary>
    private void WindowFrame(ReadOnlySpan<float> waveform, int frame, Span<double> laneSamples, int lane)
    {
        var lanes = RealFft.Lanes;
        var start = frame * _hopLength + _windowOffset;
        if (start >= 0 && start + _windowLength <= waveform.Length)
        {
            var samples = waveform.Slice(start, _windowLength);
            for (var n = 0; n < _windowLength; n++)
            {
                laneSamples[n * lanes + lane] = _window[n] * samples[n];
            }
        }
        else
        {
            for (var n = 0; n < _windowLength; n++)
            {
                laneSamples[n * lanes + lane] = _window[n] * waveform[ReflectIndex(start + n, waveform.Length)];
            }
        }
    }

    /// <summary>Mirror an out-of-range index without repeating the edge sample (numpy/torch "reflect"),
    /// folding as many times as needed for very short signals.</summary>
    private static int ReflectIndex(int index, int length)
    {
        if (length == 1)
        {
            return 0;
        }

        var period = 2 * (length - 1);
        var folded = Math.Abs(index) % period;
        return folded < length ? folded : period - folded;
    }

    public void Dispose()
    {
        // Purely managed buffers: nothing to release. IFrameEncoder is disposable for native-backed encoders.
    }
}
