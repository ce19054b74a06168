using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Sampling;

// Sampling: draws synthetic training sets of a requested size and class balance from a distilled generator
// (generators/<id>/) and stores them as ordinary feature sets under features/<synthetic set id>/.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus =>
    bus.AddConsumer<SampleSyntheticSetConsumer>().Endpoint(endpoint =>
    {
        endpoint.Name = SamplingQueue.Name;
        // One set at a time: sampling keeps a core busy, and the torch random generator it seeds is process-wide.
        endpoint.ConcurrentMessageLimit = 1;
    }));
// Registered by the defaults when configured; called again so a missing object store fails start-up with a clear message.
builder.Services.AddArtifactStore(builder.Configuration);
builder.Services.AddSingleton<StoredGenerators>();
builder.Services.AddSingleton<StoredSyntheticSets>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
