namespace DistillPlatform.Features.Corpus;

/// <summary>
/// A cheap check that a file is audio the platform can read, run for every row before any work starts.
/// Returns null when the file is fine, otherwise a short description of the problem.
/// The audio reader can be plugged in here; <see cref="WaveHeaderCheck.Check"/> is the default.
/// </summary>
public delegate string? AudioFileCheck(string fullPath);
