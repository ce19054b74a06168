using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.Encoders;

namespace DistillPlatform.Features.Extraction;

/// <summary>One utterance's features on their way to the writer, with the source audio's duration for progress.</summary>
internal sealed record EncodedUtterance(CorpusUtterance Utterance, FrameFeatures Features, double SourceSeconds);
