// Placeholder until the orchestrator lands (issue: platform foundation).
Console.WriteLine("DistillPlatform.AppHost");
