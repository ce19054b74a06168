using DistillPlatform.Emotion.Models;
using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Pool;

/// <summary>
/// A trained checkpoint pool, read from its folder: the set Θ the GAN samples a frozen classifier from at every
/// step. Checkpoints are loaded on first use and kept (each is small); the pool owns the models it hands out, so
/// dispose the pool, not the models.
/// </summary>
public sealed class CheckpointPool : IDisposable
{
    private readonly Dictionary<int, PooledClassifier> _loaded = [];
    private bool _disposed;

    private CheckpointPool(string folder, CheckpointPoolIndex index)
    {
        Folder = folder;
        Index = index;
        Checkpoints = index.Checkpoints;
    }

    public string Folder { get; }

    public CheckpointPoolIndex Index { get; }

    /// <summary>Every checkpoint, in run then epoch order.</summary>
    public IReadOnlyList<CheckpointEntry> Checkpoints { get; }

    public int Count => Checkpoints.Count;

    /// <exception cref="FileNotFoundException">The folder has no index.json (the pool was never trained there).</exception>
    /// <exception cref="InvalidDataException">The index is unreadable, lists no checkpoint, or a listed file is missing.</exception>
    public static CheckpointPool Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string fullFolder = Path.GetFullPath(folder);
        var index = CheckpointPoolIndex.TryRead(fullFolder) ?? throw new FileNotFoundException(
            $"'{fullFolder}' has no {CheckpointPoolIndex.FileName}; train a pool into it with CheckpointPoolTrainer first.",
            Path.Combine(fullFolder, CheckpointPoolIndex.FileName));
        if (index.Checkpoints.Count == 0)
            throw new InvalidDataException($"The checkpoint pool in '{fullFolder}' lists no checkpoint (no run reached a kept epoch).");
        string[] missing = index.Checkpoints.Where(c => !File.Exists(Path.Combine(fullFolder, c.File))).Select(c => c.File).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException(
                $"The checkpoint pool in '{fullFolder}' is incomplete; missing: {string.Join(", ", missing)}. Resume its training to restore them.");
        return new CheckpointPool(fullFolder, index);
    }

    /// <summary>A uniformly drawn checkpoint as a frozen classifier (parameters without grad, eval mode).</summary>
    public PooledClassifier DrawRandom(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Get(random.Next(Count));
    }

    /// <summary>Checkpoint <paramref name="position"/> of <see cref="Checkpoints"/> as a frozen classifier.</summary>
    public PooledClassifier Get(int position)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)position >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(position), position, $"The pool has {Count} checkpoints.");
        if (!_loaded.TryGetValue(position, out var classifier))
        {
            classifier = new PooledClassifier(Checkpoints[position], LoadModel(Checkpoints[position]));
            _loaded[position] = classifier;
        }
        return classifier;
    }

    private EmotionHead LoadModel(CheckpointEntry entry)
    {
        string path = Path.Combine(Folder, entry.File);
        string sha256 = CheckpointPoolTrainer.Sha256Of(path);
        if (!string.Equals(sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"Checkpoint {path} has SHA-256 {sha256}, the pool index says {entry.Sha256}; the file is corrupt or was replaced.");
        // Building the head draws initial weights from torch's generator; keep the caller's random stream untouched.
        byte[] generatorState = torch.get_rng_state();
        var model = EmotionHead.Create(Index.Head, Index.InputDimensions, Index.Classes.Count);
        torch.set_rng_state(generatorState);
        try
        {
            model.load(path);
            model.Freeze();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var classifier in _loaded.Values)
            classifier.Model.Dispose();
        _loaded.Clear();
    }
}

/// <summary>A frozen pool checkpoint: <see cref="Logits"/> is differentiable in the features, never in the weights.</summary>
public sealed class PooledClassifier : IEmotionClassifier
{
    internal PooledClassifier(CheckpointEntry checkpoint, EmotionHead model)
    {
        Checkpoint = checkpoint;
        Model = model;
    }

    public CheckpointEntry Checkpoint { get; }

    /// <summary>The frozen head; owned by the pool.</summary>
    public EmotionHead Model { get; }

    public int InputDimensions => Model.InputDimensions;

    public int ClassCount => Model.ClassCount;

    public Tensor Logits(Tensor features, Tensor mask) => Model.Logits(features, mask);
}
