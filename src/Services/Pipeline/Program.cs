using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Pipeline;

// Pipeline: runs the whole method for one RunDistillationPipeline (features → pool and real baseline → generators →
// synthetic sets → evaluations → report) as a MassTransit saga whose state is kept in the object store.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus => bus.AddPipeline());
builder.RequireArtifactStore();
builder.Services.AddPipelineServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
