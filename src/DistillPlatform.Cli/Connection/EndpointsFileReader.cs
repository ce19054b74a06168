using System.Diagnostics;
using System.Text.Json;

namespace DistillPlatform.Cli.Connection;

/// <summary>
/// Reads <c>STATE/endpoints.json</c>, which a running AppHost writes (and removes on a clean stop):
/// <c>{ "appHostProcessId": N, "resources": { "messaging": { "connectionString": "amqp://..." }, ... } }</c>.
/// The collector the platform exports telemetry to, when there is one, is the dashboard's
/// (<c>"dashboard": { "otlpEndpoint": ..., "otlpHeaders": ... }</c>) or a top-level <c>"otlpEndpoint"</c>.
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

            var resources = Object(root, "resources");
            var dashboard = Object(root, "dashboard");
            var collector = AbsoluteUri(String(dashboard, "otlpEndpoint") ?? String(root, "otlpEndpoint"));
            return new PlatformEndpoints(
                String(Object(resources, "messaging"), "connectionString"),
                String(Object(resources, "objectstore"), "connectionString"),
                collector,
                path)
            {
                OtlpHeaders = collector is null ? null : String(dashboard, "otlpHeaders") ?? String(root, "otlpHeaders"),
            };
        }
        catch (JsonException error)
        {
            throw new PlatformUnavailableException(
                $"{path} is not a valid endpoints file ({error.Message}). {PlatformUnavailableException.StartHint}", error);
        }
    }

    /// <summary>The object-valued property <paramref name="name"/>, or an undefined element when absent or not an object.</summary>
    private static JsonElement Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    private static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static Uri? AbsoluteUri(string? text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

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
