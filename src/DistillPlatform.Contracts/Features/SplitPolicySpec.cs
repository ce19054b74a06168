namespace DistillPlatform.Contracts.Features;

/// <summary>
/// The split policy. For <see cref="SplitPolicyKind.SpeakerIndependent"/>: the named <see cref="TestSpeakers"/>, or,
/// when null, <see cref="TestSpeakerFraction"/> of the speakers drawn with <see cref="Seed"/>; dev is
/// <see cref="DevFraction"/> of each class's remaining utterances. The other fields are ignored for
/// <see cref="SplitPolicyKind.Manifest"/>.
/// </summary>
public sealed record SplitPolicySpec(
    SplitPolicyKind Kind = SplitPolicyKind.SpeakerIndependent,
    IReadOnlyList<string>? TestSpeakers = null,
    double TestSpeakerFraction = 0.2,
    double DevFraction = 0.1,
    int Seed = 1);
