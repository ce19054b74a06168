using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Distillation;
using MassTransit;
using Microsoft.Extensions.Options;

// Distillation: trains the conditional GAN that distils a feature set into a generator, stored under generators/<id>/.
var builder = WebApplication.CreateBuilder(args);
var identity = ServiceIdentity.FromConfiguration(builder.Configuration, builder.Environment.ApplicationName);
builder.AddServiceDefaults(bus =>
{
    bus.AddJobConsumer<DistillGeneratorConsumer>(DistillationQueue.Name);
    // CancelDistillation is published, and whichever instance runs the job must see it: each process reads it from
    // a temporary queue of its own (auto-deleted with the process) instead of sharing one competing-consumer queue.
    bus.AddConsumer<CancelDistillationConsumer>().Endpoint(endpoint =>
    {
        endpoint.InstanceId = identity.InstanceId;
        endpoint.Temporary = true;
    });
});
// When the host stops (SIGTERM, Ctrl+C, the AppHost stopping or restarting the resource), a running distillation
// stops after its current step and stores a checkpoint of that step. MassTransit waits this long for running
// consumers, then cancels their context token, upon which the consumer leaves its command unacknowledged: the broker
// redelivers it and the next instance resumes from exactly that step. All of it must fit in the host's shutdown
// timeout (HostOptions.ShutdownTimeout), which the AppHost sets through DOTNET_SHUTDOWNTIMEOUTSECONDS to the grace
// period it allows before SIGKILL (60 s for this service in the platform model).
builder.Services.Configure<MassTransitHostOptions>(options => options.ConsumerStopTimeout = TimeSpan.FromSeconds(1));
builder.RequireArtifactStore();
var options = (builder.Configuration.GetSection(DistillationServiceOptions.Section).Get<DistillationServiceOptions>() ?? new DistillationServiceOptions()).Validate();
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(services => new GeneratorCheckpointStore(services.GetRequiredService<IArtifactStore>(), options.KeptCheckpoints));
builder.Services.AddSingleton<RunningDistillations>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Logger.LogInformation("On stop, a running distillation stores a checkpoint of its current step within the shutdown timeout of {ShutdownTimeout}; {KeptCheckpoints} checkpoints are kept per job",
    app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout, options.KeptCheckpoints);
app.Run();
