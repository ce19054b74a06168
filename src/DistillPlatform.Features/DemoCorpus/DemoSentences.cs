namespace DistillPlatform.Features.DemoCorpus;

/// <summary>
/// Emotionally neutral sentences: the words must not give the emotion away, so that only the way a sentence is
/// spoken (prosody and voice quality) carries the label, as in acted corpora.
/// </summary>
internal static class DemoSentences
{
    public static IReadOnlyList<string> All { get; } =
    [
        "The folder is on the table next to the window.",
        "We will take the train to the city on Tuesday.",
        "The meeting starts at nine in the second room.",
        "She put the keys back in the drawer this morning.",
        "The shop on the corner closes at six today.",
        "He wrote the numbers down on a yellow card.",
        "The bus leaves from the other side of the street.",
        "They painted the fence in the afternoon.",
        "My brother moved to a flat near the river.",
        "The letter arrived two days after the parcel.",
        "Please put the chairs back against the wall.",
        "The lamp in the hallway has a new bulb.",
        "We counted the boxes before the van came.",
        "The report is due at the end of the month.",
        "Her phone was in the pocket of her coat.",
        "The garden is behind the house on the left.",
        "I saw him at the station last Thursday.",
        "The water in the kettle is still warm.",
        "The printer on the third floor needs paper.",
        "They will repair the road in the spring.",
        "The cat is sleeping under the kitchen table.",
        "We ordered two cups of tea and a sandwich.",
        "The old clock in the hall shows the wrong time.",
        "He left the umbrella by the front door.",
        "The class begins after the short break.",
        "The books are sorted by the name of the author.",
        "She checked the timetable on the board.",
        "The window in the bedroom was open all night.",
        "Our neighbours bought a blue car last week.",
        "The film on the second channel starts at eight.",
    ];
}
