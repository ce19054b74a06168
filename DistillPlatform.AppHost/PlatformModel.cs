using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Resources;

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
        // A stopping distillation finishes its current step and stores a checkpoint to resume from; on a loaded machine a
        // step plus the upload can take far longer than the default 10 s before SIGKILL.
        AddService("distillation", "src/Services/Distillation").WithShutdownTimeout(TimeSpan.FromSeconds(60));
        AddService("sampling", "src/Services/Sampling");
        AddService("evaluation", "src/Services/Evaluation");
        // Drives the others: RunDistillationPipeline → every stage above → the pipeline report.
        AddService("pipeline", "src/Services/Pipeline");

        // Every service talks through the broker and exchanges artifacts through the object store. Several services
        // train at once (the pool beside the real baseline, evaluations beside a distillation), so each gets one libtorch
        // thread: with two per service the cores are oversubscribed and a GAN step was measured 15-30x slower
        // (src/DistillPlatform.Gan/README.md, "Cost and presets").
        ResourceBuilder<ProjectResource> AddService(string name, string projectDirectory) =>
            builder.AddProject(name, projectDirectory)
                .WithReference(messaging).WaitFor(messaging)
                .WithReference(objectstore).WaitFor(objectstore)
                .WithEnvironment("DISTILL_TORCH_THREADS", "1");
    }
}
