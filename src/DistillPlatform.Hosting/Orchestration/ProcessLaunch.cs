namespace DistillPlatform.Hosting.Orchestration;

/// <summary>What to execute for one resource: the program, its arguments, working folder and extra environment.</summary>
public sealed record ProcessLaunch(
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment);
