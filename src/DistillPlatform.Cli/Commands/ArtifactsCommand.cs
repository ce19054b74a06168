using System.CommandLine;
using DistillPlatform.Artifacts;
using Spectre.Console;

namespace DistillPlatform.Cli.Commands;

/// <summary><c>distill artifacts ls [prefix]</c> and <c>distill artifacts get KEY|s3://bucket/key --out PATH</c>.</summary>
public static class ArtifactsCommand
{
    public static Command Create(CliContext context, Option<string?> state)
    {
        var command = new Command("artifacts", "List and download artifacts in the object store.");
        command.Subcommands.Add(List(context, state));
        command.Subcommands.Add(Get(context, state));
        return command;
    }

    private static Command List(CliContext context, Option<string?> state)
    {
        var prefix = new Argument<string>("prefix") { Description = "Key prefix, e.g. features/ or pipelines/<id>/.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "" };
        var command = new Command("ls", "List finished artifacts whose key starts with the prefix.") { prefix };
        command.SetSessionAction(context, state, async (parseResult, session, cancellationToken) =>
        {
            var count = await session.Platform.WithStoreAsync(async store =>
            {
                var listed = 0;
                await foreach (var stored in store.ListAsync(parseResult.GetValue(prefix) ?? "", cancellationToken))
                {
                    session.Console.MarkupLine($"{stored.LastModified:u}  {stored.SizeBytes,12}  {Markup.Escape(stored.Key)}");
                    listed++;
                }

                return listed;
            });
            session.Console.MarkupLine($"[grey]{count} artifact(s)[/]");
            return CliExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliContext context, Option<string?> state)
    {
        var key = new Argument<string>("key") { Description = "Artifact key (e.g. pipelines/<id>/report.md) or its s3://bucket/key URI." };
        var output = new Option<string>("--out") { Description = "File to write, or an existing folder to write it into.", Required = true, HelpName = "PATH" };
        var command = new Command("get", "Download one artifact (its SHA-256 is verified).") { key, output };
        command.SetSessionAction(context, state, async (parseResult, session, cancellationToken) =>
        {
            var path = Path.GetFullPath(parseResult.GetValue(output)!);
            var written = await session.Platform.WithStoreAsync(async store =>
            {
                var artifactKey = KeyOf(parseResult.GetValue(key)!, store.Bucket);
                var reference = await store.GetReferenceAsync(artifactKey, cancellationToken);
                var target = Directory.Exists(path) ? Path.Combine(path, Path.GetFileName(artifactKey)) : path;
                if (Path.GetDirectoryName(target) is { } parent) Directory.CreateDirectory(parent);
                await using (var file = File.Create(target)) await store.DownloadAsync(reference, file, cancellationToken);
                return (target, reference.SizeBytes);
            });
            session.Console.MarkupLine($"{Markup.Escape(written.target)} ({written.SizeBytes} bytes, SHA-256 verified)");
            return CliExitCodes.Success;
        });
        return command;
    }

    /// <summary>A key as given, or the key of an s3:// URI, which must name the platform's bucket.</summary>
    public static string KeyOf(string keyOrUri, string bucket)
    {
        if (!keyOrUri.StartsWith("s3://", StringComparison.Ordinal)) return keyOrUri;
        var location = ArtifactLocation.Parse(keyOrUri);
        if (location.Bucket != bucket)
        {
            throw new FormatException($"'{keyOrUri}' is in bucket '{location.Bucket}', but the platform's artifacts are in '{bucket}'.");
        }

        return location.Key;
    }
}
