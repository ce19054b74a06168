using DistillPlatform.ServiceDefaults;

// Distillation: trains the conditional GAN that distils the corpus.
// Its message consumers are registered through AddServiceDefaults(configureBus: ...).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
