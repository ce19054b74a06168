using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Emotion.Evaluation;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Evaluation;

// Evaluation: trains the downstream emotion head on a stored training set (real or synthetic), tests it on the real
// held-out speakers and stores the report under evaluations/<id>/ in the object store.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(bus => bus.AddJobConsumer<EvaluateTrainingSetConsumer>(EvaluationQueue.Name));
builder.RequireArtifactStore();
builder.Services.AddSingleton(new TrainingSetEvaluator());
builder.Services.AddSingleton<StoredFeatureSetDownloader>();
builder.Services.AddSingleton<StoredEvaluations>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
