using System.Diagnostics;
using System.Text.Json;

namespace DistillPlatform.Cli.Connection;

/// <summary>
/// Reads <c>STATE/endpoints.json</c>, which a running AppHost writes (and removes on a clean stop):
/// <c>{ "appHostProcessId": N, "resources": { "messaging": { "connectionString": "amqp://..." }, ... } }</c>.
/// An optional top-level <c>"otlpEndpoint"</c> names the collector the platform exports telemetry to.
/// </summary>
public static class EndpointsFileReader
{
    public const string FileName = "endpoints.json";

    /// <exception cref="PlatformUnavailableException">No file, a damaged file, or one left by an AppHost that is gone.</exception>
    public static PlatformEndpoints Read(string stateDirectory, Func<int, bool>? isProcessRunning = null)
    {
        isProcessRunning ??= IsRunning;
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new PlatformUnavailableException(
                $"The platform is not running: {path} does not exist. {PlatformUnavailableException.StartHint}");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.TryGetProperty("appHostProcessId", out var pid) && pid.TryGetInt32(out var owner) && !isProcessRunning(owner))
            {
                throw new PlatformUnavailableException(
                    $"The platform is not running: {path} was left by an AppHost (pid {owner}) that has exited. "
                    + PlatformUnavailableException.StartHint);
            }

            var resources = root.TryGetProperty("resources", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
            return new PlatformEndpoints(
                ConnectionString(resources, "messaging"),
                ConnectionString(resources, "objectstore"),
                root.TryGetProperty("otlpEndpoint", out var otlp) && otlp.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(otlp.GetString(), UriKind.Absolute, out var collector) ? collector : null,
                path);
        }
        catch (JsonException error)
        {
            throw new PlatformUnavailableException(
                $"{path} is not a valid endpoints file ({error.Message}). {PlatformUnavailableException.StartHint}", error);
        }
    }

    private static string? ConnectionString(JsonElement resources, string name) =>
        resources.ValueKind == JsonValueKind.Object
        && resources.TryGetProperty(name, out var resource)
        && resource.ValueKind == JsonValueKind.Object
        && resource.TryGetProperty("connectionString", out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
