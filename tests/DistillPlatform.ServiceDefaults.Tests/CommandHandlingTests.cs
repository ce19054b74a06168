using System.Text.Json;
using DistillPlatform.Contracts.Commands;
using MassTransit;

namespace DistillPlatform.ServiceDefaults.Tests;

/// <summary>Retries, raw JSON commands and refused commands, through a real broker and a host built with AddServiceDefaults.</summary>
public sealed class CommandHandlingTests(ProbeServiceFixture service) : IClassFixture<ProbeServiceFixture>
{
    private static readonly TimeSpan Timeout = ProbeServiceFixture.Timeout;
    private const string RetryCountHeader = "MT-Fault-RetryCount";

    [Fact]
    public async Task A_request_that_can_never_succeed_reaches_the_error_queue_after_exactly_one_attempt()
    {
        var command = new ProbeCommand(Guid.NewGuid(), ProbeBehaviours.Refuse, new ProbeDetail("refused"));

        await SendAsync(command);

        ErrorQueueEntry dead = await service.ErrorQueue.NextAsync(command.Id.ToString(), Timeout);
        Assert.Equal(typeof(ProbeRequestException).FullName, dead.Headers["MT-Fault-ExceptionType"]);
        Assert.Equal($"Probe {command.Id} is refused on purpose.", dead.Headers["MT-Fault-Message"]);
        Assert.False(dead.Headers.ContainsKey(RetryCountHeader), "MassTransit writes the retry count only when there were retries");
        Assert.Equal(1, service.Probes.AttemptsOf(command.Id));
        ProbeFailed failed = await service.Failures.WaitForAsync(f => f.Id == command.Id, Timeout, "The probe published no ProbeFailed");
        Assert.Equal(dead.Headers["MT-Fault-Message"], failed.Reason);
    }

    [Fact]
    public async Task Bad_input_from_a_library_is_reported_once_and_faults_at_once_without_retries()
    {
        var command = new ProbeCommand(Guid.NewGuid(), ProbeBehaviours.BadArgument, new ProbeDetail("bad"));

        await SendAsync(command);

        ErrorQueueEntry dead = await service.ErrorQueue.NextAsync(command.Id.ToString(), Timeout);
        ProbeFailed failed = await service.Failures.WaitForAsync(f => f.Id == command.Id, Timeout, "The probe published no ProbeFailed");
        Assert.Equal($"Probe {command.Id} has a bad argument.", failed.Reason);
        Assert.Equal(failed.Reason, dead.Headers["MT-Fault-Message"]);
        // MassTransit's headers name the innermost exception, the library's; that the ArgumentException was wrapped in
        // an InvalidRequestException shows in what follows: a bare ArgumentException would have been retried.
        Assert.Equal(typeof(ArgumentException).FullName, dead.Headers["MT-Fault-ExceptionType"]);
        Assert.False(dead.Headers.ContainsKey(RetryCountHeader));
        // One attempt, and the event is published once per attempt: the requester was told exactly once.
        Assert.Equal(1, service.Probes.AttemptsOf(command.Id));
    }

    [Fact]
    public async Task A_failure_that_never_passes_reaches_the_error_queue_after_every_retry()
    {
        var command = new ProbeCommand(Guid.NewGuid(), ProbeBehaviours.AlwaysFailTransiently, new ProbeDetail("broken"));

        await SendAsync(command);

        ErrorQueueEntry dead = await service.ErrorQueue.NextAsync(command.Id.ToString(), Timeout);
        Assert.Equal(typeof(IOException).FullName, dead.Headers["MT-Fault-ExceptionType"]);
        Assert.Equal(ServiceDefaultsExtensions.RetryIntervals.Length.ToString(), dead.Headers[RetryCountHeader]);
        Assert.Equal(1 + ServiceDefaultsExtensions.RetryIntervals.Length, service.Probes.AttemptsOf(command.Id));
    }

    [Fact]
    public async Task A_passing_failure_is_still_retried_until_it_succeeds()
    {
        var command = new ProbeCommand(Guid.NewGuid(), ProbeBehaviours.FailTwiceThenSucceed, new ProbeDetail("flaky"));

        await SendAsync(command);

        await service.Probes.WaitForHandledAsync(command.Id, Timeout);
        Assert.Equal(3, service.Probes.AttemptsOf(command.Id));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task A_command_published_as_bare_json_is_consumed(string? contentType)
    {
        var id = Guid.NewGuid();
        // Property names in any case, as MassTransit reads them case-insensitively; optional fields left out.
        string body = $$"""{ "Id": "{{id}}", "behaviour": "succeed", "detail": { "label": "by hand" } }""";

        await service.PublishRawAsync(ProbeServiceFixture.CommandQueue, body, contentType);

        ProbeCommand handled = await service.Probes.WaitForHandledAsync(id, Timeout);
        Assert.Equal(new ProbeCommand(id, ProbeBehaviours.Succeed, new ProbeDetail("by hand", Count: 1)), handled);
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_a_readable_reason_and_the_queue_keeps_being_consumed()
    {
        var marker = Guid.NewGuid();
        string body = $$"""{ "id": "{{marker}}", "behaviour": "succeed", "detail": { "label": "x" }""";   // no closing brace

        await service.PublishRawAsync(ProbeServiceFixture.CommandQueue, body, "application/json");

        CommandRejected rejected = await service.Rejections.WaitForAsync(r => r.BodyExcerpt.Contains(marker.ToString()), Timeout);
        Assert.Equal(ProbeServiceFixture.CommandQueue, rejected.Queue);
        Assert.Equal(ProbeServiceFixture.ServiceName, rejected.Service);
        Assert.Equal("application/json", rejected.ContentType);
        Assert.StartsWith("The message body is not valid JSON (", rejected.Reason);
        Assert.Equal(body, rejected.BodyExcerpt);
        ErrorQueueEntry dead = await service.ErrorQueue.NextAsync(marker.ToString(), Timeout);
        Assert.Equal(typeof(InvalidCommandException).FullName, dead.Headers["MT-Fault-ExceptionType"]);
        Assert.Equal(rejected.Reason, dead.Headers["MT-Fault-Message"]);

        await AssertStillConsumingAsync();
    }

    [Fact]
    public async Task A_command_missing_required_fields_is_rejected_before_its_consumer_runs()
    {
        var id = Guid.NewGuid();
        // "detail.label" is null and "behaviour" is absent: both are non-nullable without a default.
        string body = $$"""{ "id": "{{id}}", "detail": { "label": null, "count": 2 } }""";

        await service.PublishRawAsync(ProbeServiceFixture.CommandQueue, body, contentType: null);

        CommandRejected rejected = await service.Rejections.WaitForAsync(r => r.BodyExcerpt.Contains(id.ToString()), Timeout);
        Assert.Equal(
            "ProbeCommand is missing required field(s) 'behaviour', 'detail.label' (absent or null); every field without a default " +
            "value must be sent (docs/raw-json.md lists each command's fields).",
            rejected.Reason);
        Assert.Null(rejected.ContentType);
        ErrorQueueEntry dead = await service.ErrorQueue.NextAsync(id.ToString(), Timeout);
        Assert.Equal(rejected.Reason, dead.Headers["MT-Fault-Message"]);
        Assert.False(dead.Headers.ContainsKey(RetryCountHeader));
        Assert.Equal(0, service.Probes.AttemptsOf(id));

        await AssertStillConsumingAsync();
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_rejected_with_the_parsers_reason()
    {
        var id = Guid.NewGuid();
        string body = $$"""{ "id": "{{id}}", "behaviour": "succeed", "detail": { "label": "x", "count": "many" } }""";

        await service.PublishRawAsync(ProbeServiceFixture.CommandQueue, body, "application/json");

        CommandRejected rejected = await service.Rejections.WaitForAsync(r => r.BodyExcerpt.Contains(id.ToString()), Timeout);
        Assert.StartsWith("The message body does not fit the command's fields: ", rejected.Reason);
        Assert.Contains("$.detail.count", rejected.Reason);
        ErrorQueueEntry dead = await service.ErrorQueue.NextAsync(id.ToString(), Timeout);
        Assert.False(dead.Headers.ContainsKey(RetryCountHeader));
        Assert.Equal(0, service.Probes.AttemptsOf(id));
    }

    /// <summary>A well-formed command sent after a refused one is handled: the refusal did not stop the endpoint.</summary>
    private async Task AssertStillConsumingAsync()
    {
        var next = new ProbeCommand(Guid.NewGuid(), ProbeBehaviours.Succeed, new ProbeDetail("after"));
        await service.PublishRawAsync(ProbeServiceFixture.CommandQueue, JsonSerializer.Serialize(next), "application/json");
        Assert.Equal(next, await service.Probes.WaitForHandledAsync(next.Id, Timeout));
    }

    private async Task SendAsync(ProbeCommand command)
    {
        ISendEndpoint endpoint = await service.Bus.GetSendEndpoint(new Uri($"queue:{ProbeServiceFixture.CommandQueue}"));
        await endpoint.Send(command);
    }
}
