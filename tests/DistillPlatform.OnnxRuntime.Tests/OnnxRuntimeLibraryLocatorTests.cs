namespace DistillPlatform.OnnxRuntime.Tests;

public sealed class OnnxRuntimeLibraryLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("distill-ort-locator-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Override_path_wins_when_the_file_exists()
    {
        var library = Path.Combine(_root, "custom.so");
        File.WriteAllBytes(library, [0]);

        Assert.Equal(library, OnnxRuntimeLibraryLocator.Locate(library, "/"));
    }

    [Fact]
    public void Override_path_to_a_missing_file_is_reported()
    {
        var missing = Path.Combine(_root, "nowhere.so");

        var error = Assert.Throws<DllNotFoundException>(() => OnnxRuntimeLibraryLocator.Locate(missing, _root));

        Assert.Contains(OnnxRuntimeLibraryLocator.PathVariable, error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Tools_folder_is_found_from_a_nested_directory()
    {
        var tools = Directory.CreateDirectory(Path.Combine(_root, ".tools", "onnxruntime")).FullName;
        var library = Path.Combine(tools, OnnxRuntimeLibraryLocator.LibraryFileName);
        File.WriteAllBytes(library, [0]);
        var nested = Directory.CreateDirectory(Path.Combine(_root, "tests", "bin", "Debug")).FullName;

        Assert.Equal(library, OnnxRuntimeLibraryLocator.Locate(null, nested));
    }

    [Fact]
    public void Missing_library_names_the_bootstrap_step()
    {
        var error = Assert.Throws<DllNotFoundException>(() => OnnxRuntimeLibraryLocator.Locate("", _root));

        Assert.Contains("scripts/bootstrap.sh", error.Message);
        Assert.Contains(OnnxRuntimeLibraryLocator.PathVariable, error.Message);
    }
}
