using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.CheckpointPool;

// Checkpoint pool: trains the pool of classifier checkpoints the distillation matches against, stored under pools/<id>/.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus =>
    bus.AddConsumer<TrainCheckpointPoolConsumer>().Endpoint(endpoint =>
    {
        endpoint.Name = CheckpointPoolQueue.Name;
        // One pool at a time: training keeps every core busy, and parallel pools would only compete for them.
        endpoint.ConcurrentMessageLimit = 1;
    }));
// Registered by the defaults when configured; called again so a missing object store fails start-up with a clear message.
builder.Services.AddArtifactStore(builder.Configuration);
builder.Services.AddSingleton<PoolProgressStore>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
