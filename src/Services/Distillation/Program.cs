using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Distillation;
using MassTransit;

// Distillation: trains the conditional GAN that distils a feature set into a generator, stored under generators/<id>/.
var builder = WebApplication.CreateBuilder(args);
var identity = ServiceIdentity.FromConfiguration(builder.Configuration, builder.Environment.ApplicationName);
builder.AddServiceDefaults(bus =>
{
    bus.AddConsumer<DistillGeneratorConsumer>().Endpoint(endpoint =>
    {
        endpoint.Name = DistillationQueue.Name;
        // One generator at a time: training keeps every core busy, and torch's random generator is process-wide.
        endpoint.ConcurrentMessageLimit = 1;
    });
    // CancelDistillation is published, and whichever instance runs the job must see it: each process reads it from
    // a temporary queue of its own (auto-deleted with the process) instead of sharing one competing-consumer queue.
    bus.AddConsumer<CancelDistillationConsumer>().Endpoint(endpoint =>
    {
        endpoint.InstanceId = "-" + identity.InstanceId;
        endpoint.Temporary = true;
    });
});
// When the host stops, MassTransit waits this long for running consumers, then cancels their context token: the
// distillation then stops after its current step, stores a checkpoint and leaves its command for redelivery.
builder.Services.Configure<MassTransitHostOptions>(options => options.ConsumerStopTimeout = TimeSpan.FromSeconds(1));
// Registered by the defaults when configured; called again so a missing object store fails start-up with a clear message.
builder.Services.AddArtifactStore(builder.Configuration);
builder.Services.AddSingleton<GeneratorCheckpointStore>();
builder.Services.AddSingleton<RunningDistillations>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
