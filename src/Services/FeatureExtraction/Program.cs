using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.Extraction;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.FeatureExtraction;

// Feature extraction: turns corpus audio into frame-level feature sets stored under features/<id>/ in the object store.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus =>
    bus.AddConsumer<ExtractFeaturesConsumer>().Endpoint(endpoint =>
    {
        endpoint.Name = FeatureExtractionQueue.Name;
        // One extraction at a time: each already keeps every core busy, and parallel ones would only multiply memory.
        endpoint.ConcurrentMessageLimit = 1;
        // Take the next command only when free, so with several instances on the queue an idle one gets it rather than
        // it waiting in a busy instance's prefetch buffer.
        endpoint.PrefetchCount = 1;
    }));
// Registered by the defaults when configured; called again so a missing object store fails start-up with a clear message.
builder.Services.AddArtifactStore(builder.Configuration);
builder.Services.AddSingleton(new FeatureExtractor(new FeatureExtractorOptions { CreatedBy = "DistillPlatform.Services.FeatureExtraction/1" }));
builder.Services.AddSingleton<CorpusFetcher>();
builder.Services.AddSingleton<StoredFeatureSets>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
