using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch.Tests;

/// <summary>Where libdistilltorch.so is looked for, and what a user reads when it is missing.</summary>
public sealed class NativeLibraryLocationTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("torch-native-lookup-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string CreateLibraryIn(string folder)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, folder)).FullName;
        var file = Path.Combine(directory, "libdistilltorch.so");
        File.WriteAllBytes(file, []);
        return file;
    }

    [Fact]
    public void First_search_directory_holding_the_library_wins()
    {
        var second = CreateLibraryIn("second");
        CreateLibraryIn("third");
        var located = NativeLibraryLoader.Locate(null, [Path.Combine(root, "first"), Path.GetDirectoryName(second)!, Path.Combine(root, "third")]);
        Assert.Equal(second, located);
    }

    [Fact]
    public void Configured_folder_or_file_takes_precedence()
    {
        var configured = CreateLibraryIn("configured");
        var searched = CreateLibraryIn("searched");
        Assert.Equal(configured, NativeLibraryLoader.Locate(Path.GetDirectoryName(configured), [Path.GetDirectoryName(searched)!]));
        Assert.Equal(configured, NativeLibraryLoader.Locate(configured, [Path.GetDirectoryName(searched)!]));
    }

    [Fact]
    public void Wrong_configuration_is_an_error_not_a_fallback()
    {
        var searched = CreateLibraryIn("searched");
        var error = Assert.Throws<DllNotFoundException>(() =>
            NativeLibraryLoader.Locate(Path.Combine(root, "missing.so"), [Path.GetDirectoryName(searched)!]));
        Assert.Contains("DISTILL_TORCH_NATIVE", error.Message);
        Assert.Contains("scripts/bootstrap.sh (step torch-shim)", error.Message);
    }

    [Fact]
    public void Missing_library_names_the_folders_searched_and_the_fix()
    {
        var error = Assert.Throws<DllNotFoundException>(() => NativeLibraryLoader.Locate(null, [root]));
        Assert.Contains(root, error.Message);
        Assert.Contains("scripts/bootstrap.sh (step torch-shim)", error.Message);
    }
}
