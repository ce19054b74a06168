namespace DistillPlatform.Testing.Reference;

/// <summary>The checkout the tests run from (the folder holding DistillPlatform.sln), for scripts and fixtures kept in it.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DistillPlatform.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No DistillPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
