using DistillPlatform.Cli;

return await DistillCli.InvokeAsync(args, CliContext.ForProcess());
