using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.Extraction;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.FeatureExtraction;

// Feature extraction: turns corpus audio into frame-level feature sets stored under features/<id>/ in the object store.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus => bus.AddJobConsumer<ExtractFeaturesConsumer>(FeatureExtractionQueue.Name, endpoint =>
    // Take the next command only when free, so with several instances on the queue an idle one gets it rather than
    // it waiting in a busy instance's prefetch buffer.
    endpoint.PrefetchCount = 1));
builder.RequireArtifactStore();
builder.Services.AddSingleton(new FeatureExtractor(new FeatureExtractorOptions { CreatedBy = "DistillPlatform.Services.FeatureExtraction/1" }));
builder.Services.AddSingleton<CorpusFetcher>();
builder.Services.AddSingleton<StoredFeatureSets>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
