using DistillPlatform.Features.Audio;
using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.Extraction;

/// <summary>
/// Everything that decides a feature set: which corpus rows and splits (<see cref="Corpus"/>), the audio front end
/// (<see cref="Preprocessing"/>) and the frame encoder (<see cref="Encoder"/>). Equal requests over equal audio give
/// the same <see cref="FeatureSets.FeatureSetId"/>.
/// </summary>
/// <remarks>
/// Feature values are always stored raw (as the encoder produced them). The per-dimension mean and standard
/// deviation of the train split are always stored in the manifest, so every consumer standardises with statistics
/// that never saw dev or test data, and one feature set serves consumers that want raw values too.
/// </remarks>
public sealed record FeatureExtractionRequest(CorpusRequest Corpus)
{
    public EncoderSpec Encoder { get; init; } = EncoderSpec.DefaultLogMel;

    public AudioPreprocessing Preprocessing { get; init; } = AudioPreprocessing.Default;
}
