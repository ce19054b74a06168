using DistillPlatform.Contracts.Sampling;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Sampling;

// Sampling: draws synthetic training sets of a requested size and class balance from a distilled generator
// (generators/<id>/) and stores them as ordinary feature sets under features/<synthetic set id>/.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus => bus.AddJobConsumer<SampleSyntheticSetConsumer>(SamplingQueue.Name));
builder.RequireArtifactStore();
builder.Services.AddSingleton<StoredGenerators>();
builder.Services.AddSingleton<StoredSyntheticSets>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
