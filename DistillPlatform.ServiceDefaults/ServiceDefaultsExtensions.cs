using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Diagnostics;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// The defaults every DistillPlatform service starts with (<c>builder.AddServiceDefaults()</c> first thing in
/// Program.cs, <c>app.MapDefaultEndpoints()</c> after Build).
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string MessagingConnectionName = "messaging";
    public const string LiveTag = "live";

    /// <summary>
    /// Retry schedule for a failing consumer, in memory. The RabbitMQ delayed-exchange plugin is not installed, so
    /// MassTransit's delayed redelivery (which needs a message scheduler) is not used; after the last retry the message
    /// moves to the endpoint's <c>_error</c> queue with MT-Fault-* headers describing the exception. Failures that no
    /// retry can cure (<see cref="PermanentFailures.IsPermanent"/>) skip the schedule and move there at once.
    /// </summary>
    public static readonly TimeSpan[] RetryIntervals =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>
    /// Adds telemetry (OTLP over HTTP/protobuf to OTEL_EXPORTER_OTLP_ENDPOINT/v1/{traces,metrics,logs} when that
    /// setting is present), health checks, and MassTransit
    /// over the RabbitMQ broker in ConnectionStrings:messaging with retries and the diagnostics consumer, and the
    /// artifact store over the object store in ConnectionStrings:objectstore when one is configured.
    /// </summary>
    /// <param name="configureBus">Registers the service's own consumers, e.g. <c>x =&gt; x.AddConsumer&lt;MyConsumer&gt;()</c>.</param>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator>? configureBus = null)
        where TBuilder : IHostApplicationBuilder
    {
        var identity = ServiceIdentity.FromConfiguration(builder.Configuration, builder.Environment.ApplicationName);
        builder.Services.AddSingleton(identity);

        builder.AddTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.AddMessaging(identity, configureBus);

        // A service without object storage (e.g. a diagnostics-only host in tests) still starts; one that needs the
        // store fails at start-up with AddArtifactStore's message naming the missing connection string.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ArtifactStoreServiceCollectionExtensions.ConnectionStringName)))
            builder.Services.AddArtifactStore(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (every check, including the bus being connected: "ready") and <c>/alive</c> (only that the
    /// process responds).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        return app;
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        Uri? collector = null;
        if (!string.IsNullOrWhiteSpace(configured) && !Uri.TryCreate(configured, UriKind.Absolute, out collector))
        {
            throw new InvalidOperationException(
                $"OTEL_EXPORTER_OTLP_ENDPOINT '{configured}' is not an absolute URI; expected e.g. http://127.0.0.1:4318.");
        }

        // Registered before MassTransit: hosted services stop in reverse order, so telemetry flushes after the bus stopped.
        builder.Services.AddSingleton(new TelemetryProviders(collector));
        builder.Services.AddHostedService(services => services.GetRequiredService<TelemetryProviders>());

        if (collector is not null)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.SetResourceBuilder(ResourceBuilder.CreateDefault());
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
                logging.AddOtlpExporter(options => TelemetryProviders.UseHttpProtobuf(options, collector, "v1/logs"));
            });
        }
    }

    private static void AddMessaging(this IHostApplicationBuilder builder, ServiceIdentity identity,
        Action<IBusRegistrationConfigurator>? configureBus)
    {
        var connectionString = builder.Configuration.GetConnectionString(MessagingConnectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{MessagingConnectionName} is not set. Start the service through the AppHost "
                + "(./scripts/run.sh) or set ConnectionStrings__messaging=amqp://USER:PASS@HOST:PORT/.");
        var broker = AmqpConnectionString.Parse(connectionString);

        string diagnosticsQueue = DiagnosticsQueue.For(identity.Name);
        builder.Services.AddReceiveObserver<CommandRejectionObserver>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConsumer<DiagnosticsConsumer>().Endpoint(endpoint => endpoint.Name = diagnosticsQueue);
            configureBus?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((registration, queueName, endpoint) =>
            {
                endpoint.UseMessageRetry(retry => PermanentFailures.RetryTransientFailures(retry, RetryIntervals));
                if (queueName != diagnosticsQueue) AcceptHandWrittenCommands(endpoint, registration);
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.UserName);
                    host.Password(broker.Password);
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
    }

    /// <summary>
    /// Makes a command queue take bare JSON as well as MassTransit's envelope: the envelope keeps its own deserializer
    /// (content type application/vnd.masstransit+json, what every service and the CLI send), while application/json and
    /// a message without any content type (the management UI's default) go to the raw JSON deserializer. A command whose
    /// JSON leaves out a required field is refused before its consumer runs. The diagnostics queue is left out: it
    /// consumes two message types, and a body without an envelope cannot say which of them it is.
    /// </summary>
    private static void AcceptHandWrittenCommands(IReceiveEndpointConfigurator endpoint, IRegistrationContext registration)
    {
        endpoint.AddDeserializer(new RawJsonCommandSerializerFactory(), isDefault: true);
        endpoint.UseConsumeFilter(typeof(RequiredFieldsFilter<>), registration);
    }
}
