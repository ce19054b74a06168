using System.Security.Cryptography;
using System.Text;

namespace DistillPlatform.Services.Pipeline.Stages;

/// <summary>
/// The RequestId of a stage's command: a name-based UUID (RFC 9562 version 8) hashed from the pipeline id and the stage
/// name. Deterministic, so a command sent again after the pipeline host crashed carries the same RequestId as the
/// first one and its answer still finds the stage; the saga maps it back to the stage through its stored state.
/// </summary>
public static class StageRequestIds
{
    public static Guid For(Guid pipelineId, string stageName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stageName);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{pipelineId:D}/{stageName}"), hash);
        Span<byte> bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
