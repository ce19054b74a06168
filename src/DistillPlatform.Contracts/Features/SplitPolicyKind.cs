namespace DistillPlatform.Contracts.Features;

/// <summary>How utterances are assigned to train, dev and test.</summary>
public enum SplitPolicyKind
{
    /// <summary>Test speakers are held out entirely; dev is drawn per class from the remaining utterances.</summary>
    SpeakerIndependent,

    /// <summary>The manifest's split column decides.</summary>
    Manifest,
}
