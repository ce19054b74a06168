using System.Diagnostics;

namespace DistillPlatform.Artifacts;

/// <summary>The activity source of the artifact store; register its name with OpenTelemetry to trace uploads and downloads.</summary>
public static class ArtifactsTelemetry
{
    public const string ActivitySourceName = "DistillPlatform.Artifacts";

    /// <summary>Activity tag names, so dashboards and tests agree on them.</summary>
    public static class Tags
    {
        public const string Uri = "artifact.uri";
        public const string Bytes = "artifact.bytes";
        public const string Sha256 = "artifact.sha256";
        public const string UploadParts = "artifact.upload.parts";
        /// <summary><c>created</c> or <c>unchanged</c> (identical content was already stored).</summary>
        public const string WriteOutcome = "artifact.write.outcome";
    }

    internal static readonly ActivitySource Source = new(ActivitySourceName);
}
