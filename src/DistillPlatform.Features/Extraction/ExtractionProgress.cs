namespace DistillPlatform.Features.Extraction;

/// <summary>How far an extraction is, reported after every utterance written.</summary>
/// <param name="UtterancesDone">Utterances encoded and written so far.</param>
/// <param name="UtterancesTotal">Utterances the extraction will write.</param>
/// <param name="AudioSecondsDone">Duration of the source audio processed so far (before trimming).</param>
/// <param name="Elapsed">Time since encoding started.</param>
public sealed record ExtractionProgress(int UtterancesDone, int UtterancesTotal, double AudioSecondsDone, TimeSpan Elapsed)
{
    /// <summary>Throughput in seconds of audio per second of wall-clock time (the real-time factor's inverse).</summary>
    public double AudioSecondsPerSecond => Elapsed > TimeSpan.Zero ? AudioSecondsDone / Elapsed.TotalSeconds : 0;

    public double Fraction => UtterancesTotal == 0 ? 1 : (double)UtterancesDone / UtterancesTotal;
}
