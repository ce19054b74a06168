namespace DistillPlatform.Features.DemoCorpus;

/// <summary>
/// One synthetic speaker: an espeak-ng voice (language + variant, e.g. "en-us+f2") with its own base pitch and speaking
/// rate, so speakers differ from each other about as much as the emotions differ within a speaker.
/// </summary>
/// <param name="BasePitch">espeak-ng pitch (-p, 0..99) for neutral speech.</param>
/// <param name="BaseWordsPerMinute">espeak-ng speed (-s) for neutral speech.</param>
internal sealed record DemoSpeaker(string Id, string Voice, int BasePitch, int BaseWordsPerMinute)
{
    public static IReadOnlyList<DemoSpeaker> All { get; } =
    [
        new("demo_01", "en+m1", 42, 165),
        new("demo_02", "en-us+f2", 55, 175),
        new("demo_03", "en+m3", 48, 160),
        new("demo_04", "en-gb-scotland+f3", 52, 170),
        new("demo_05", "en-us+m4", 38, 180),
        new("demo_06", "en+f4", 58, 160),
        new("demo_07", "en-029+m7", 45, 170),
        new("demo_08", "en-gb-x-rp+f1", 50, 165),
        new("demo_09", "en+m6", 40, 175),
        new("demo_10", "en-us+f5", 60, 168),
        new("demo_11", "en-gb-x-rp+m2", 46, 158),
        new("demo_12", "en+f1", 54, 182),
    ];
}
