using DistillPlatform.ServiceDefaults;

// Feature extraction: turns corpus audio into frame-level features stored as artifacts.
// Its message consumers are registered through AddServiceDefaults(configureBus: ...).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
