using DistillPlatform.Gan.Artifacts;

namespace DistillPlatform.Sampling.Tests;

/// <summary>One tiny generator folder (<see cref="TinyGenerator"/>) shared by a test class, and fresh folders for outputs.</summary>
public sealed class GeneratorFolderFixture : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("distill-sampling-tests-").FullName;

    public GeneratorFolderFixture()
    {
        GeneratorFolder = Path.Combine(_root, "generator");
        Generator = TinyGenerator.Create(GeneratorFolder, "gen-tiny");
    }

    public string GeneratorFolder { get; }

    public GeneratorManifest Generator { get; }

    /// <summary>A path for a new output folder (not yet created), removed with the fixture.</summary>
    public string NewFolder() => Path.Combine(_root, Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
