using DistillPlatform.Contracts.Commands;

namespace DistillPlatform.Services.Evaluation;

/// <summary>A feature set or reference evaluation named by the request is not (completely) stored (not retried).</summary>
public sealed class MissingEvaluationInputException(string message) : InvalidRequestException(message);
