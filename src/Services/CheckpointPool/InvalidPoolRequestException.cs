using DistillPlatform.Contracts.Commands;

namespace DistillPlatform.Services.CheckpointPool;

/// <summary>A <c>TrainCheckpointPool</c> request cannot succeed as sent (not retried); the message says what to change.</summary>
public sealed class InvalidPoolRequestException(string message, Exception? innerException = null)
    : InvalidRequestException(message, innerException);
