namespace DistillPlatform.Hosting.Resources;

/// <summary>Finds the <c>dotnet</c> executable that runs service dlls: the one running us, else the one on PATH.</summary>
internal static class DotnetHost
{
    public static string Path()
    {
        // Set by the dotnet CLI for everything it launches (dotnet run, dotnet test).
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromCli && File.Exists(fromCli))
        {
            return fromCli;
        }

        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileName(self) == "dotnet") return self;

        return ObjectStoreResource.FindOnPath("dotnet")
               ?? throw new MissingDependencyException("dotnet not found on PATH: install the .NET 10 SDK.");
    }
}
