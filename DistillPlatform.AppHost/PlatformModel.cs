using DistillPlatform.Hosting;

namespace DistillPlatform.AppHost;

/// <summary>
/// The platform's resources and how they connect. Program.cs runs it; the integration tests start the same model
/// through DistributedApplicationTestingBuilder.
/// </summary>
public static class PlatformModel
{
    public const string Messaging = "messaging";
    public const string ObjectStore = "objectstore";

    /// <summary>The service resource names, in pipeline order.</summary>
    public static readonly string[] Services = ["feature-extraction", "checkpoint-pool", "distillation", "sampling", "evaluation", "pipeline"];

    public static void Declare(DistributedApplicationBuilder builder)
    {
        var messaging = builder.AddRabbitMQ(Messaging);
        var objectstore = builder.AddObjectStore(ObjectStore);

        AddService("feature-extraction", "src/Services/FeatureExtraction");
        AddService("checkpoint-pool", "src/Services/CheckpointPool");
        AddService("distillation", "src/Services/Distillation");
        AddService("sampling", "src/Services/Sampling");
        AddService("evaluation", "src/Services/Evaluation");
        // Drives the others: RunDistillationPipeline → every stage above → the pipeline report.
        AddService("pipeline", "src/Services/Pipeline");

        // Every service talks through the broker and exchanges artifacts through the object store.
        void AddService(string name, string projectDirectory) =>
            builder.AddProject(name, projectDirectory)
                .WithReference(messaging).WaitFor(messaging)
                .WithReference(objectstore).WaitFor(objectstore);
    }
}
