using System.Text.Json;
using DistillPlatform.Dashboard;
using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting.Orchestration;

/// <summary>
/// STATE/endpoints.json: how to reach a running AppHost's resources (connection strings, URLs) and its dashboard (the
/// login URL carries the dashboard's token; the file is readable by its owner only), so a CLI started later can
/// connect to it. Removed on clean shutdown; <c>appHostProcessId</c> lets a reader detect a stale file.
/// </summary>
internal static class EndpointsFile
{
    public const string FileName = "endpoints.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string stateDirectory, IReadOnlyList<Resource> resources, DashboardServer? dashboard)
    {
        var document = new
        {
            appHostProcessId = Environment.ProcessId,
            startedAt = DateTimeOffset.UtcNow,
            stateDirectory,
            resources = resources.ToDictionary(r => r.Name, r => new
            {
                connectionString = (r as IResourceWithConnectionString)?.ConnectionString,
                endpoints = r.DescribeEndpoints(),
            }),
            dashboard = dashboard is null ? null : new
            {
                url = dashboard.Address,
                loginUrl = dashboard.LoginUrl,
                otlpEndpoint = dashboard.OtlpEndpoint,
                // The key the OTLP receiver requires, so a client such as the distill CLI can export its spans too.
                otlpHeaders = dashboard.OtlpHeaders,
            },
        };
        var path = Path.Combine(stateDirectory, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(document, Indented));
        // Connection strings carry the broker password.
        SecretFile.RestrictToOwner(path);
    }

    /// <summary>
    /// The process id of another AppHost that is still running on <paramref name="stateDirectory"/>, if any: two nodes
    /// on one broker database would corrupt it.
    /// </summary>
    public static int? RunningOwner(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var owner = document.RootElement.GetProperty("appHostProcessId").GetInt32();
            if (owner == Environment.ProcessId) return null;
            using var process = System.Diagnostics.Process.GetProcessById(owner);
            return process.HasExited ? null : owner;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return null; // unreadable, or its AppHost is gone: a stale file from a crashed run
        }
    }

    public static void Delete(string stateDirectory) => File.Delete(Path.Combine(stateDirectory, FileName));
}
