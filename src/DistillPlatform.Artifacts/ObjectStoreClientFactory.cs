using Amazon.Runtime;
using Amazon.S3;

namespace DistillPlatform.Artifacts;

/// <summary>
/// Creates S3 clients configured for S3-compatible servers such as s3rver, in one place, so no caller can forget a
/// setting. Each setting is required: without it s3rver either rejects the request or, worse, stores the signed
/// chunk framing as part of the object and silently corrupts it.
/// </summary>
public static class ObjectStoreClientFactory
{
    /// <summary>Creates a client; the caller owns and disposes it.</summary>
    public static IAmazonS3 Create(ObjectStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new S3CompatibleClient(
            new BasicAWSCredentials(settings.AccessKey, settings.SecretKey),
            CreateConfig(settings));
    }

    /// <summary>The client configuration; public so its settings can be inspected.</summary>
    public static AmazonS3Config CreateConfig(ObjectStoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AmazonS3Config
        {
            ServiceURL = settings.Endpoint.ToString(),
            AuthenticationRegion = settings.Region,
            // Buckets are addressed as http://host:port/bucket; virtual-host names do not resolve for 127.0.0.1.
            ForcePathStyle = true,
            // Newer SDKs add CRC trailers (again through aws-chunked bodies) and demand them back; s3rver knows neither.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
    }
}
