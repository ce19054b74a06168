using System.CommandLine;
using System.Diagnostics;
using DistillPlatform.Cli.Messages;
using DistillPlatform.Cli.Telemetry;
using MassTransit;
using Spectre.Console;

namespace DistillPlatform.Cli.Commands;

/// <summary>
/// <c>distill publish FILE.json [--type NAME | --queue NAME]</c>: sends any command message written as JSON, checked
/// against its contract record first. Commands go to their service's queue (or --queue); cancellations are published.
/// </summary>
public static class PublishCommand
{
    public static Command Create(CliContext context, Option<string?> state)
    {
        var file = new Argument<string>("file") { Description = "JSON file with the message's fields (and optionally \"$type\": \"NAME\")." };
        var type = new Option<string?>("--type") { Description = $"Message type, e.g. {string.Join(", ", MessageCatalog.Commands.Select(c => c.Name))}." };
        var queue = new Option<string?>("--queue") { Description = "Send to this queue instead of the message type's own.", HelpName = "NAME" };
        var command = new Command("publish", "Send or publish a command message written as JSON (for scripting and debugging the services).")
        {
            file, type, queue,
        };
        command.SetSessionAction(context, state, async (parseResult, session, cancellationToken) =>
        {
            var path = Path.GetFullPath(parseResult.GetValue(file)!);
            if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist.", path);
            var read = MessageJsonReader.Read(await File.ReadAllTextAsync(path, cancellationToken), path, parseResult.GetValue(type));
            var destination = parseResult.GetValue(queue) is { Length: > 0 } queueName ? new Uri($"queue:{queueName}") : read.Type.Queue;

            using var tracing = CliTelemetry.Start(session.Endpoints.OtlpEndpoint, session.Endpoints.OtlpHeaders);
            using var activity = CliTelemetry.ActivitySource.StartActivity("distill publish", ActivityKind.Producer);
            activity?.SetTag("message.type", read.Type.Name);
            var bus = await session.Platform.BusAsync(cancellationToken);
            if (destination is null)
            {
                await bus.Publish(read.Message, read.Type.ClrType, cancellationToken);
                session.Console.MarkupLine($"published {read.Type.Name}");
            }
            else
            {
                var endpoint = await bus.GetSendEndpoint(destination);
                await endpoint.Send(read.Message, read.Type.ClrType, cancellationToken);
                session.Console.MarkupLine($"sent {read.Type.Name} to {Markup.Escape(destination.ToString())}");
            }

            return CliExitCodes.Success;
        });
        return command;
    }
}
