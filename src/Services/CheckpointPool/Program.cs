using DistillPlatform.ServiceDefaults;

// Checkpoint pool: trains the pool of classifier checkpoints the distillation matches against.
// Its message consumers are registered through AddServiceDefaults(configureBus: ...).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
