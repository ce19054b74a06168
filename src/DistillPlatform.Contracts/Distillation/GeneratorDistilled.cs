using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Contracts.Distillation;

/// <summary>
/// A generator is complete in the object store: <see cref="Manifest"/> is <c>generators/&lt;id&gt;/generator.json</c>
/// (uploaded last), next to its weights, training curves and configuration. <see cref="FromCache"/> is true when the
/// generator already existed and nothing was trained.
/// </summary>
/// <param name="GeneratorBytes">Bytes of the generator weights: what replaces the dataset in storage.</param>
public sealed record GeneratorDistilled(
    Guid RequestId,
    string GeneratorId,
    ArtifactRef Manifest,
    long Steps,
    long GeneratorBytes,
    bool FromCache);
