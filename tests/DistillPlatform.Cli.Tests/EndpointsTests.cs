using DistillPlatform.Cli.Connection;

namespace DistillPlatform.Cli.Tests;

/// <summary>Finding the platform: the ConnectionStrings__* variables first, else the AppHost's endpoints.json.</summary>
public sealed class EndpointsTests : IDisposable
{
    private const string Amqp = "amqp://distill:secret@127.0.0.1:41234/";
    private const string ObjectStore = "Endpoint=http://127.0.0.1:41235;AccessKey=S3RVER;SecretKey=S3RVER;Region=us-east-1";

    private readonly TempFolder _state = new();

    /// <summary>The shape the AppHost writes (DistillPlatform.Hosting's EndpointsFile), with or without its dashboard.</summary>
    private void WriteEndpointsFile(int appHostProcessId, string? otlp = null) => _state.File("endpoints.json", $$"""
        {
          "appHostProcessId": {{appHostProcessId}},
          "startedAt": "2026-11-22T02:00:00+00:00",
          "stateDirectory": "{{_state.Path}}",
          {{(otlp is null ? "" : $$"""
              "dashboard": { "url": "http://127.0.0.1:41240/", "loginUrl": "http://127.0.0.1:41240/login?t=abc",
                             "otlpEndpoint": "{{otlp}}", "otlpHeaders": "x-otlp-api-key=k1" },
              """)}}
          "resources": {
            "messaging": { "connectionString": "{{Amqp}}", "endpoints": { "amqp": "amqp://127.0.0.1:41234/" } },
            "objectstore": { "connectionString": "{{ObjectStore}}", "endpoints": { "http": "http://127.0.0.1:41235/ (s3rver)" } },
            "evaluation": { "connectionString": null, "endpoints": { "http": "http://127.0.0.1:41236/" } }
          }
        }
        """);

    [Fact]
    public void The_running_apphost_s_file_gives_both_connection_strings()
    {
        WriteEndpointsFile(Environment.ProcessId);

        var endpoints = new PlatformLocator(_ => null).Locate(_state.Path);

        Assert.Equal(Amqp, endpoints.Messaging);
        Assert.Equal(ObjectStore, endpoints.ObjectStore);
        Assert.Null(endpoints.OtlpEndpoint);
    }

    [Fact]
    public void The_dashboard_s_collector_and_key_are_used_unless_the_environment_names_a_collector()
    {
        WriteEndpointsFile(Environment.ProcessId, otlp: "http://127.0.0.1:41240/");

        var fromFile = new PlatformLocator(_ => null).Locate(_state.Path);
        var fromEnvironment = new PlatformLocator(name => name == PlatformLocator.OtlpVariable ? "http://collector:4318" : null).Locate(_state.Path);

        Assert.Equal(new Uri("http://127.0.0.1:41240/"), fromFile.OtlpEndpoint);
        Assert.Equal("x-otlp-api-key=k1", fromFile.OtlpHeaders);
        Assert.Equal(new Uri("http://collector:4318"), fromEnvironment.OtlpEndpoint);
        Assert.Null(fromEnvironment.OtlpHeaders);
    }

    [Fact]
    public void No_file_means_the_platform_is_not_running()
    {
        var error = Assert.Throws<PlatformUnavailableException>(() => new PlatformLocator(_ => null).Locate(_state.Path));

        Assert.Contains("endpoints.json does not exist", error.Message);
        Assert.Contains("./scripts/run.sh", error.Message);
    }

    [Fact]
    public void A_file_left_by_an_exited_apphost_is_reported_as_stale()
    {
        WriteEndpointsFile(424242);

        var error = Assert.Throws<PlatformUnavailableException>(() =>
            new PlatformLocator(_ => null, isProcessRunning: pid => pid != 424242).Locate(_state.Path));

        Assert.Contains("pid 424242", error.Message);
        Assert.Contains("has exited", error.Message);
    }

    [Fact]
    public void A_damaged_file_is_reported_with_its_path()
    {
        _state.File("endpoints.json", "{ \"resources\": ");

        var error = Assert.Throws<PlatformUnavailableException>(() => new PlatformLocator(_ => null).Locate(_state.Path));

        Assert.Contains(Path.Combine(_state.Path, "endpoints.json"), error.Message);
    }

    [Fact]
    public void Connection_string_variables_win_over_the_file_as_for_the_services()
    {
        var environment = new Dictionary<string, string>
        {
            [PlatformLocator.MessagingVariable] = "amqp://u:p@10.0.0.5:5672/",
            [PlatformLocator.ObjectStoreVariable] = ObjectStore,
        };

        var endpoints = new PlatformLocator(environment.GetValueOrDefault).Locate(_state.Path);

        Assert.Equal("amqp://u:p@10.0.0.5:5672/", endpoints.Messaging);
        Assert.Equal(ObjectStore, endpoints.ObjectStore);
    }

    [Fact]
    public void A_missing_connection_string_is_named_when_a_command_needs_it()
    {
        var endpoints = new PlatformLocator(name => name == PlatformLocator.ObjectStoreVariable ? ObjectStore : null).Locate(_state.Path);

        var error = Assert.Throws<PlatformUnavailableException>(endpoints.RequireMessaging);

        Assert.Contains("names no message broker", error.Message);
    }

    [Fact]
    public void The_state_folder_comes_from_the_option_then_the_variable()
    {
        var locator = new PlatformLocator(name => name == PlatformLocator.StateDirectoryVariable ? "/srv/distill-state" : null);

        Assert.Equal("/opt/state", locator.StateDirectory("/opt/state"));
        Assert.Equal("/srv/distill-state", locator.StateDirectory(null));
    }

    public void Dispose() => _state.Dispose();
}
