using DistillPlatform.ServiceDefaults;

// Evaluation: trains and scores classifiers on synthetic sets against the real test split.
// Its message consumers are registered through AddServiceDefaults(configureBus: ...).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
