using DistillPlatform.ServiceDefaults;

// Sampling: draws synthetic training sets of a requested size and class balance from a distilled generator.
// Its message consumers are registered through AddServiceDefaults(configureBus: ...).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
