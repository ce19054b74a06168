namespace DistillPlatform.Features.Audio;

/// <summary>A mono waveform: samples nominally in [-1, 1] at <see cref="SampleRate"/> Hz.</summary>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    public double DurationSeconds => (double)Samples.Length / SampleRate;
}
