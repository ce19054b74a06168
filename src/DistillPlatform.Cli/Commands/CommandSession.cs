using DistillPlatform.Cli.Connection;
using Spectre.Console;

namespace DistillPlatform.Cli.Commands;

/// <summary>What one command invocation works with: the console, the state folder, and the platform (connected on first use).</summary>
public sealed class CommandSession(CliContext context, IAnsiConsole console, string stateDirectory, PlatformLocator locator) : IAsyncDisposable
{
    private PlatformEndpoints? _endpoints;
    private PlatformClient? _client;

    public CliContext Context { get; } = context;

    public IAnsiConsole Console { get; } = console;

    public string StateDirectory { get; } = stateDirectory;

    /// <exception cref="PlatformUnavailableException">No running platform was found.</exception>
    public PlatformEndpoints Endpoints => _endpoints ??= locator.Locate(StateDirectory);

    public PlatformClient Platform => _client ??= new PlatformClient(Endpoints, Context.ConnectTimeout);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
    }
}
