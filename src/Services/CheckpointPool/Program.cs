using DistillPlatform.Contracts.Pool;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.CheckpointPool;

// Checkpoint pool: trains the pool of classifier checkpoints the distillation matches against, stored under pools/<id>/.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus => bus.AddJobConsumer<TrainCheckpointPoolConsumer>(CheckpointPoolQueue.Name));
builder.RequireArtifactStore();
builder.Services.AddSingleton<PoolProgressStore>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
