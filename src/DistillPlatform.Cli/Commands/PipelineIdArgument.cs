using System.CommandLine;

namespace DistillPlatform.Cli.Commands;

/// <summary>The pipeline id argument shared by status, watch, cancel and report (a GUID, as printed by <c>distill run</c>).</summary>
public static class PipelineIdArgument
{
    public static Argument<Guid> Create() => new("id")
    {
        Description = "Pipeline id (printed by distill run).",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Guid.TryParse(text, out var id)) return id;
            result.AddError($"'{text}' is not a pipeline id; expected a GUID such as 3f2b9c3e-0d7a-4c1e-9a55-2f0c8e1d4b6a.");
            return Guid.Empty;
        },
    };
}
