namespace DistillPlatform.Contracts.Artifacts;

/// <summary>One named file of an artifact, e.g. <c>generator.safetensors</c>, and where its bytes are stored.</summary>
/// <param name="Name">Role of the file inside the artifact; unique within one manifest.</param>
/// <param name="Content">The stored object holding the file.</param>
public sealed record ArtifactFile(string Name, ArtifactRef Content);
