namespace DistillPlatform.Hosting.Testing;

/// <summary>
/// Entry point for integration tests, in the spirit of Aspire.Hosting.Testing: declare the real model (or a subset) on
/// a builder whose state folder is a fresh temporary folder, get an application that is always torn down, state
/// folder included, when disposed.
/// <code>
/// await using var app = await DistributedApplicationTestingBuilder.CreateAsync(b => b.AddRabbitMQ("messaging"));
/// await app.StartAsync();
/// await app.WaitForHealthyAsync("messaging");
/// var amqp = app.GetConnectionString("messaging");
/// </code>
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <param name="declareResources">Declares resources on the builder (the AppHost's model or a subset of it).</param>
    /// <param name="configureOptions">Adjusts options, e.g. to keep the state folder for inspection.</param>
    public static Task<DistributedApplication> CreateAsync(
        Action<DistributedApplicationBuilder> declareResources,
        Action<DistributedApplicationOptions>? configureOptions = null)
    {
        var temporaryState = Path.Combine(Path.GetTempPath(), "distill-apphost-test-" + Guid.NewGuid().ToString("N")[..12]);
        var options = new DistributedApplicationOptions
        {
            StateDirectory = temporaryState,
            // Test output stays quiet; each resource's log is still available through GetLogs.
            Output = TextWriter.Null,
            // As in Aspire's testing builder: no dashboard unless a test turns it on (DashboardEnabled = true).
            DashboardEnabled = false,
        };
        configureOptions?.Invoke(options);

        var builder = new DistributedApplicationBuilder(options);
        declareResources(builder);
        var application = builder.Build();
        if (options.StateDirectory == temporaryState)
        {
            application.AfterStop = () =>
            {
                if (Directory.Exists(temporaryState)) Directory.Delete(temporaryState, recursive: true);
            };
        }

        return Task.FromResult(application);
    }
}
