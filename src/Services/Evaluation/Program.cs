using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Emotion.Evaluation;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Evaluation;

// Evaluation: trains the downstream emotion head on a stored training set (real or synthetic), tests it on the real
// held-out speakers and stores the report under evaluations/<id>/ in the object store.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus =>
    bus.AddConsumer<EvaluateTrainingSetConsumer>().Endpoint(endpoint =>
    {
        endpoint.Name = EvaluationQueue.Name;
        // One evaluation at a time: training keeps every core busy, and torch's seeded generator is process-wide,
        // so concurrent evaluations would also lose their reproducibility.
        endpoint.ConcurrentMessageLimit = 1;
    }));
// Registered by the defaults when configured; called again so a missing object store fails start-up with a clear message.
builder.Services.AddArtifactStore(builder.Configuration);
builder.Services.AddSingleton(new TrainingSetEvaluator());
builder.Services.AddSingleton<StoredFeatureSetDownloader>();
builder.Services.AddSingleton<StoredEvaluations>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
