using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using DistillPlatform.Artifacts;

namespace DistillPlatform.Artifacts.Tests;

/// <summary>
/// Runs one real s3rver (the npm fake S3 installed under <c>.tools/</c>) on a free local port with its own data
/// directory, for all tests of the collection; killed and its directory removed on dispose.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);

    private Process? _process;

    /// <summary>s3rver's data directory: objects are stored as <c>bucket/key._S3rver_object</c>.</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("s3rver-").FullName;

    public ObjectStoreSettings Settings { get; private set; } = null!;

    public IAmazonS3 Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryRoot(), ".tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver is not installed at '{script}'; run scripts/bootstrap.sh.");
        }

        var port = FreeTcpPort();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--openssl-legacy-provider", script, "--address", "127.0.0.1", "--port", port.ToString(),
                     "--directory", DataDirectory, "--silent",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for s3rver.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync(port);

        Settings = ObjectStoreSettings.Parse($"Endpoint=http://127.0.0.1:{port};AccessKey=S3RVER;SecretKey=S3RVER;Region=us-east-1");
        Client = ObjectStoreClientFactory.Create(Settings);
    }

    /// <summary>Path of the file in which s3rver keeps the bytes of <paramref name="key"/>.</summary>
    public string StoredObjectPath(string bucket, string key) =>
        Path.Combine(DataDirectory, bucket, key.Replace('/', Path.DirectorySeparatorChar) + "._S3rver_object");

    /// <summary>A store on its own bucket, so tests do not see each other's artifacts.</summary>
    public ArtifactStore CreateStore(string bucket, int partSizeBytes = 16 * 1024 * 1024, int listPageSize = 1000) =>
        new(Client, new ArtifactStoreOptions { Bucket = bucket, PartSizeBytes = partSizeBytes, ListPageSize = listPageSize });

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        // Connection attempts are retried at a fixed pace until s3rver accepts one or the timeout expires.
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (!await AcceptsConnectionAsync(port, timeout.Token))
            {
                if (_process!.HasExited)
                {
                    throw new InvalidOperationException(
                        $"s3rver exited with code {_process.ExitCode} before listening on port {port}.");
                }

                await pace.WaitForNextTickAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"s3rver did not listen on port {port} within {StartupTimeout}.");
        }
    }

    private static async Task<bool> AcceptsConnectionAsync(int port, CancellationToken cancellationToken)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DistillPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No DistillPlatform.sln above '{AppContext.BaseDirectory}'.");
    }
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
