using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace DistillPlatform.Artifacts;

/// <summary>
/// An S3 client that sends requests in the forms every S3-compatible server understands, s3rver included:
/// <list type="bullet">
/// <item>never aws-chunked upload bodies. The SDK decides this per request (<c>UseChunkEncoding</c>, on by default)
/// and s3rver does not decode such bodies: it would store the chunk signatures inside the object;</item>
/// <item>the copy source of server-side copies as <c>bucket/key</c> with literal slashes. The SDK percent-encodes the
/// slashes too (<c>bucket%2Fkey</c>), which AWS accepts but s3rver cannot split into bucket and key.</item>
/// </list>
/// Doing this in the client protects every request sent through it, including those of code that builds its own
/// requests or uses the SDK's transfer utility.
/// </summary>
internal sealed class S3CompatibleClient : AmazonS3Client
{
    private const string CopySourceHeader = "x-amz-copy-source";

    public S3CompatibleClient(AWSCredentials credentials, AmazonS3Config config)
        : base(credentials, config)
    {
        // Raised after the request is marshalled and before it is signed, so the rewritten header is what gets signed.
        BeforeRequestEvent += EncodeCopySourceAsPath;
    }

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

    private static void EncodeCopySourceAsPath(object sender, RequestEventArgs e)
    {
        if (e is WebServiceRequestEventArgs { Headers: var headers }
            && headers.TryGetValue(CopySourceHeader, out var copySource))
        {
            headers[CopySourceHeader] = EncodePerSegment(copySource);
        }
    }

    /// <summary><c>b%2Fdir%2Fa%20b</c> becomes <c>b/dir/a%20b</c>; a <c>?versionId=</c> suffix is kept as it is.</summary>
    internal static string EncodePerSegment(string copySource)
    {
        var query = copySource.IndexOf('?');
        var path = query < 0 ? copySource : copySource[..query];
        var suffix = query < 0 ? string.Empty : copySource[query..];
        var segments = Uri.UnescapeDataString(path).Split('/').Select(Uri.EscapeDataString);
        return string.Join('/', segments) + suffix;
    }
}
