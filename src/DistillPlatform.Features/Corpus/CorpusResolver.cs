namespace DistillPlatform.Features.Corpus;

/// <summary>
/// Turns a <see cref="CorpusRequest"/> into a <see cref="ResolvedCorpus"/>: validates every row before any work
/// starts, applies the label mapping, assigns splits, and checks the splits make sense. All problems are collected
/// into one <see cref="CorpusValidationReport"/>; the request fails with a <see cref="CorpusValidationException"/>
/// unless every problem is a row problem and the request asked to skip bad rows.
/// </summary>
public sealed class CorpusResolver
{
    private readonly AudioFileCheck _audioCheck;

    /// <param name="audioCheck">Per-file audio check; defaults to <see cref="WaveHeaderCheck.Check"/>.</param>
    public CorpusResolver(AudioFileCheck? audioCheck = null)
    {
        _audioCheck = audioCheck ?? WaveHeaderCheck.Check;
    }

    /// <summary>Loads the request's manifest and resolves it.</summary>
    public ResolvedCorpus Resolve(CorpusRequest request) =>
        Resolve(request, CorpusManifest.Load(request.ManifestPath, request.AudioRoot));

    /// <summary>Resolves an already loaded manifest.</summary>
    public ResolvedCorpus Resolve(CorpusRequest request, CorpusManifest manifest)
    {
        var problems = new List<CorpusProblem>();
        var droppedByLabel = new SortedDictionary<string, int>(StringComparer.Ordinal);
        bool splitsFromManifest = request.Split is ManifestSplitPolicy;
        if (splitsFromManifest && !manifest.HasSplitColumn)
        {
            problems.Add(CorpusWide(CorpusProblemKind.MissingSplitColumn,
                $"the split policy takes splits from the manifest, but it has no '{CorpusManifest.SplitColumn}' column; " +
                "add one (train/dev/test per row) or use a speaker-independent split policy"));
        }

        List<AcceptedRow> accepted = CheckRows(request, manifest, problems, droppedByLabel);

        var utterances = new List<CorpusUtterance>();
        IReadOnlyList<string> classes = request.Labels.Classes
            ?? accepted.Select(r => r.ClassName).Distinct().Order(StringComparer.Ordinal).ToArray();
        IReadOnlyList<string> speakers = accepted.Select(r => r.Row.Speaker).Distinct().Order(StringComparer.Ordinal).ToArray();

        if (accepted.Count == 0)
        {
            problems.Add(CorpusWide(CorpusProblemKind.EmptyCorpus,
                $"no usable utterance: the manifest has {manifest.Rows.Count} row(s), " +
                $"{problems.Count(p => p.LineNumber is not null)} with problems and " +
                $"{droppedByLabel.Values.Sum()} left out by the label filter ({request.Labels.Canonical})"));
        }
        else
        {
            DataSplit[]? splits = splitsFromManifest
                ? ManifestSplits(accepted, manifest.HasSplitColumn)
                : SpeakerIndependentSplits((SpeakerIndependentSplitPolicy)request.Split, accepted, classes, speakers, problems);
            if (splits is not null)
            {
                utterances = accepted.Select((r, i) => new CorpusUtterance(
                    r.Row.Path,
                    r.FullPath,
                    r.Row.LineNumber,
                    r.Row.Label,
                    IndexOf(classes, r.ClassName),
                    r.Row.Speaker,
                    IndexOf(speakers, r.Row.Speaker),
                    splits[i])).ToList();
                CheckSpeakersInOneSplit(utterances, problems);
                CheckEveryClassTrains(utterances, classes, problems);
            }
        }

        var report = new CorpusValidationReport(manifest.ManifestPath, manifest.Rows.Count, problems, droppedByLabel);
        if (report.BlockingProblems(request.SkipBadRows).Any())
        {
            throw new CorpusValidationException(report);
        }
        return new ResolvedCorpus(request, classes, speakers, utterances, report);
    }

    /// <summary>A row that passed every row check, with its class name and full audio path.</summary>
    private sealed record AcceptedRow(CorpusManifestRow Row, string ClassName, string FullPath, DataSplit? ManifestSplit);

    private List<AcceptedRow> CheckRows(
        CorpusRequest request,
        CorpusManifest manifest,
        List<CorpusProblem> problems,
        SortedDictionary<string, int> droppedByLabel)
    {
        var accepted = new List<AcceptedRow>();
        var firstLineOfPath = new Dictionary<string, int>(StringComparer.Ordinal);
        bool splitsFromManifest = request.Split is ManifestSplitPolicy && manifest.HasSplitColumn;
        IReadOnlyList<string>? fixedClasses = request.Labels.Classes;

        foreach (CorpusManifestRow row in manifest.Rows)
        {
            void Problem(CorpusProblemKind kind, string message) =>
                problems.Add(new CorpusProblem(row.LineNumber, row.Path, kind, message));

            if (row.FieldCountProblem is not null)
            {
                Problem(CorpusProblemKind.MalformedRow, row.FieldCountProblem);
                continue;
            }
            if (row.Path.Length == 0)
            {
                Problem(CorpusProblemKind.EmptyPath, "the path field is empty");
                continue;
            }
            if (row.Label.Length == 0)
            {
                Problem(CorpusProblemKind.EmptyLabel, "the label field is empty");
                continue;
            }
            string className = request.Labels.Map(row.Label);
            if (fixedClasses is not null && !fixedClasses.Contains(className, StringComparer.Ordinal))
            {
                if (request.Labels.Unlisted == UnlistedLabels.Drop)
                {
                    droppedByLabel[row.Label] = droppedByLabel.GetValueOrDefault(row.Label) + 1;
                }
                else
                {
                    Problem(CorpusProblemKind.UnknownLabel,
                        $"label '{row.Label}' is not one of the classes [{string.Join(", ", fixedClasses)}] and no rename maps it to one");
                }
                continue;
            }
            if (row.Speaker.Length == 0)
            {
                Problem(CorpusProblemKind.EmptySpeaker, "the speaker field is empty");
                continue;
            }
            DataSplit? manifestSplit = null;
            if (splitsFromManifest)
            {
                if (!DataSplitNames.TryParse(row.Split ?? "", out DataSplit parsed))
                {
                    Problem(CorpusProblemKind.UnknownSplit, $"split '{row.Split}' is not one of train, dev, test");
                    continue;
                }
                manifestSplit = parsed;
            }
            string fullPath = manifest.ResolveAudioPath(row);
            if (firstLineOfPath.TryGetValue(fullPath, out int firstLine))
            {
                Problem(CorpusProblemKind.DuplicatePath, $"the same audio file is already listed on line {firstLine}");
                continue;
            }
            firstLineOfPath[fullPath] = row.LineNumber;
            if (!File.Exists(fullPath))
            {
                Problem(CorpusProblemKind.MissingFile, $"audio file not found at {fullPath}");
                continue;
            }
            string? audioProblem = _audioCheck(fullPath);
            if (audioProblem is not null)
            {
                Problem(CorpusProblemKind.UnreadableAudio, $"audio file {fullPath} {audioProblem}");
                continue;
            }
            accepted.Add(new AcceptedRow(row, className, fullPath, manifestSplit));
        }
        return accepted;
    }

    private static DataSplit[]? ManifestSplits(List<AcceptedRow> accepted, bool hasSplitColumn) =>
        hasSplitColumn ? accepted.Select(r => r.ManifestSplit!.Value).ToArray() : null;

    private static DataSplit[]? SpeakerIndependentSplits(
        SpeakerIndependentSplitPolicy policy,
        List<AcceptedRow> accepted,
        IReadOnlyList<string> classes,
        IReadOnlyList<string> speakers,
        List<CorpusProblem> problems)
    {
        if (speakers.Count < 2)
        {
            problems.Add(CorpusWide(CorpusProblemKind.TooFewSpeakers,
                $"a speaker-independent split needs at least 2 speakers, the usable rows have {speakers.Count} ({string.Join(", ", speakers)})"));
            return null;
        }

        var random = new SeededRandom(policy.Seed);
        HashSet<string> testSpeakers;
        if (policy.TestSpeakers is not null)
        {
            string[] unknown = policy.TestSpeakers.Where(s => !speakers.Contains(s, StringComparer.Ordinal)).ToArray();
            foreach (string speaker in unknown)
            {
                problems.Add(CorpusWide(CorpusProblemKind.UnknownTestSpeaker,
                    $"test speaker '{speaker}' does not occur in the usable rows; speakers are: {string.Join(", ", speakers)}"));
            }
            if (unknown.Length > 0)
            {
                return null;
            }
            testSpeakers = policy.TestSpeakers.ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            int count = Math.Clamp((int)Math.Round(policy.TestSpeakerFraction * speakers.Count, MidpointRounding.AwayFromZero), 1, speakers.Count - 1);
            var shuffled = speakers.ToList();
            random.Shuffle(shuffled);
            testSpeakers = shuffled.Take(count).ToHashSet(StringComparer.Ordinal);
        }

        var splits = accepted.Select(r => testSpeakers.Contains(r.Row.Speaker) ? DataSplit.Test : DataSplit.Train).ToArray();

        // Dev: the same fraction of every class's training utterances, so rare classes are represented in dev too.
        // One utterance of each class always stays in train. Candidates are sorted by path first so the draw does
        // not depend on manifest row order.
        for (int classIndex = 0; classIndex < classes.Count; classIndex++)
        {
            List<int> candidates = Enumerable.Range(0, accepted.Count)
                .Where(i => splits[i] == DataSplit.Train && accepted[i].ClassName == classes[classIndex])
                .OrderBy(i => accepted[i].Row.Path, StringComparer.Ordinal)
                .ToList();
            int devCount = Math.Min(
                (int)Math.Round(policy.DevFraction * candidates.Count, MidpointRounding.AwayFromZero),
                Math.Max(candidates.Count - 1, 0));
            random.Shuffle(candidates);
            foreach (int index in candidates.Take(devCount))
            {
                splits[index] = DataSplit.Dev;
            }
        }
        return splits;
    }

    /// <summary>Test speakers must be unseen: a speaker with test utterances may not also have train/dev ones.</summary>
    private static void CheckSpeakersInOneSplit(List<CorpusUtterance> utterances, List<CorpusProblem> problems)
    {
        var nonTestCounts = utterances.Where(u => u.Split != DataSplit.Test)
            .GroupBy(u => u.Speaker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(u => u.Split).OrderBy(s => s.Key).Select(s => $"{s.Count()} in {s.Key.ToName()}").ToArray(), StringComparer.Ordinal);
        foreach (CorpusUtterance utterance in utterances.Where(u => u.Split == DataSplit.Test))
        {
            if (nonTestCounts.TryGetValue(utterance.Speaker, out string[]? elsewhere))
            {
                problems.Add(new CorpusProblem(utterance.LineNumber, utterance.Id, CorpusProblemKind.SpeakerInSeveralSplits,
                    $"speaker '{utterance.Speaker}' is in test here but also has utterances in other splits ({string.Join(", ", elsewhere)}); " +
                    "a test speaker must not appear in train or dev"));
            }
        }
    }

    private static void CheckEveryClassTrains(List<CorpusUtterance> utterances, IReadOnlyList<string> classes, List<CorpusProblem> problems)
    {
        for (int classIndex = 0; classIndex < classes.Count; classIndex++)
        {
            if (!utterances.Any(u => u.ClassIndex == classIndex && u.Split == DataSplit.Train))
            {
                int elsewhere = utterances.Count(u => u.ClassIndex == classIndex);
                problems.Add(CorpusWide(CorpusProblemKind.ClassWithoutTrainingExample,
                    $"class '{classes[classIndex]}' has no training example ({elsewhere} usable utterance(s) in dev/test); " +
                    "add training data for it or remove it from the class list"));
            }
        }
    }

    private static CorpusProblem CorpusWide(CorpusProblemKind kind, string message) => new(null, null, kind, message);

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }
        throw new InvalidOperationException($"'{value}' is not in the list it was taken from.");
    }
}
