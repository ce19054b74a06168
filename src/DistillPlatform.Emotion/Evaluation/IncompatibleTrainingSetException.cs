namespace DistillPlatform.Emotion.Evaluation;

/// <summary>
/// The training set cannot be evaluated against the test set: different classes, different feature dimensions, a
/// class without training examples, or missing splits. The message names both sets and what differs.
/// </summary>
public sealed class IncompatibleTrainingSetException(string message) : Exception(message);
