namespace DistillPlatform.Services.Evaluation;

/// <summary>A feature set or reference evaluation named by the request is not (completely) stored.</summary>
public sealed class MissingEvaluationInputException(string message) : Exception(message);
