using DistillPlatform.Artifacts;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Pipeline;

// Pipeline: runs the whole method for one RunDistillationPipeline (features → pool and real baseline → generators →
// synthetic sets → evaluations → report) as a MassTransit saga whose state is kept in the object store.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus => bus.AddPipeline());
// Registered by the defaults when configured; called again so a missing object store fails start-up with a clear message.
builder.Services.AddArtifactStore(builder.Configuration);
builder.Services.AddPipelineServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
