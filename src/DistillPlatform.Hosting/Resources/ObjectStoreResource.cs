using DistillPlatform.Hosting.Orchestration;

namespace DistillPlatform.Hosting.Resources;

/// <summary>
/// An S3-compatible object store: a <c>minio</c> binary when one is on PATH (or set through DISTILL_MINIO), otherwise
/// s3rver (Node.js) from .tools. Its data folder lives in the state folder and survives restarts.
/// </summary>
public sealed class ObjectStoreResource(string name, int? port = null) : Resource(name), IResourceWithConnectionString
{
    public const string MinioVariable = "DISTILL_MINIO";
    public const string HttpEndpoint = "http";
    private const string ConsoleEndpoint = "console";
    private const string S3rverRelativePath = ".tools/s3rver/node_modules/s3rver/bin/s3rver.js";

    /// <summary>s3rver accepts exactly this key pair unless configured otherwise.</summary>
    private static readonly GeneratedCredentials S3rverCredentials = new("S3RVER", "S3RVER");

    private readonly string? _minioPath = FindMinio();
    private GeneratedCredentials? _credentials;

    /// <summary>"minio" or "s3rver".</summary>
    public string Backend => _minioPath is null ? "s3rver" : "minio";

    public override string TypeName => $"Object store ({Backend})";

    public override IReadOnlyList<EndpointRequest> EndpointRequests =>
        _minioPath is null ? [new(HttpEndpoint, port)] : [new(HttpEndpoint, port), new(ConsoleEndpoint)];

    public string ConnectionString
    {
        get
        {
            var credentials = _credentials ?? throw new InvalidOperationException(
                $"'{Name}' has no credentials yet; they are created when the application starts.");
            return $"Endpoint=http://127.0.0.1:{Port(HttpEndpoint)};AccessKey={credentials.UserName};"
                   + $"SecretKey={credentials.Password};Region=us-east-1";
        }
    }

    public override IReadOnlyDictionary<string, string> DescribeEndpoints() => new Dictionary<string, string>
    {
        [HttpEndpoint] = $"http://127.0.0.1:{Port(HttpEndpoint)}/ ({Backend})",
    };

    public override void CheckPrerequisites(HostingContext context)
    {
        if (_minioPath is not null) return;
        if (FindOnPath("node") is null)
        {
            throw new MissingDependencyException(
                $"node not found on PATH (resource '{Name}' runs s3rver with Node.js): install Node.js, then run scripts/bootstrap.sh (step s3rver).");
        }

        var script = Path.Combine(context.RepositoryRoot, S3rverRelativePath);
        if (!File.Exists(script))
        {
            throw new MissingDependencyException(
                $"s3rver not found at {script} (needed by resource '{Name}'): run scripts/bootstrap.sh (step s3rver).");
        }
    }

    public override Task InitializeAsync(HostingContext context, ResourceLog log, CancellationToken cancellationToken)
    {
        var directory = context.ResourceDirectory(Name);
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        _credentials = _minioPath is null ? S3rverCredentials : GeneratedCredentials.LoadOrCreate(directory, "distill");
        return Task.CompletedTask;
    }

    public override ProcessLaunch CreateLaunch(HostingContext context)
    {
        var directory = context.ResourceDirectory(Name);
        var data = Path.Combine(directory, "data");
        if (_minioPath is not null)
        {
            return new ProcessLaunch(
                _minioPath,
                ["server", data, "--address", $"127.0.0.1:{Port(HttpEndpoint)}", "--console-address", $"127.0.0.1:{Port(ConsoleEndpoint)}"],
                directory,
                new Dictionary<string, string>
                {
                    ["MINIO_ROOT_USER"] = _credentials!.UserName,
                    ["MINIO_ROOT_PASSWORD"] = _credentials.Password,
                    ["HOME"] = directory,
                });
        }

        return new ProcessLaunch(
            FindOnPath("node")!,
            [
                // s3rver's bundled certificate tooling still uses algorithms newer OpenSSL hides behind this flag.
                "--openssl-legacy-provider",
                Path.Combine(context.RepositoryRoot, S3rverRelativePath),
                "--address", "127.0.0.1",
                "--port", Port(HttpEndpoint).ToString(),
                "--directory", data,
                "--silent",
            ],
            directory,
            new Dictionary<string, string>());
    }

    /// <summary>Healthy as soon as the S3 endpoint answers HTTP (an anonymous request is rejected, which is an answer).</summary>
    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        HttpProbe.AnswersAsync(new Uri($"http://127.0.0.1:{Port(HttpEndpoint)}/"), cancellationToken);

    private static string? FindMinio() =>
        Environment.GetEnvironmentVariable(MinioVariable) is { Length: > 0 } configured ? configured : FindOnPath("minio");

    internal static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, program))
        .FirstOrDefault(File.Exists);
}
