using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace DistillPlatform.Artifacts;

/// <summary>
/// An S3 client that never sends aws-chunked upload bodies. The SDK decides this per request
/// (<c>UseChunkEncoding</c>, on by default), and s3rver does not decode such bodies: it would store the chunk
/// signatures inside the object. Forcing it off here protects every upload sent through the client, including
/// uploads from code that builds its own requests or uses the SDK's transfer utility.
/// </summary>
internal sealed class S3CompatibleClient(AWSCredentials credentials, AmazonS3Config config)
    : AmazonS3Client(credentials, config)
{
    public override Task<PutObjectResponse> PutObjectAsync(
        PutObjectRequest request, CancellationToken cancellationToken = default)
    {
        request.UseChunkEncoding = false;
        return base.PutObjectAsync(request, cancellationToken);
    }

    public override Task<UploadPartResponse> UploadPartAsync(
        UploadPartRequest request, CancellationToken cancellationToken = default)
    {
        request.UseChunkEncoding = false;
        return base.UploadPartAsync(request, cancellationToken);
    }
}
