namespace DistillPlatform.EndToEnd.Tests;

/// <summary>An event the test's client bus received, with the trace it travelled in and the program that published it.</summary>
/// <param name="PublisherAssembly">Entry assembly of the publishing process (MassTransit's host info), e.g. DistillPlatform.Services.Evaluation.</param>
public sealed record RecordedEvent(object Message, string? TraceId, string? PublisherAssembly);
