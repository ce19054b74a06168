using System.Data.Common;

namespace DistillPlatform.Artifacts;

/// <summary>
/// Where the S3-compatible object store is and how to sign in, as given by the orchestrator in
/// <c>ConnectionStrings__objectstore</c>: <c>Endpoint=http://127.0.0.1:PORT;AccessKey=KEY;SecretKey=SECRET;Region=us-east-1</c>.
/// </summary>
public sealed record ObjectStoreSettings(Uri Endpoint, string AccessKey, string SecretKey, string Region)
{
    /// <summary>Region assumed when the connection string names none; S3-compatible servers ignore it but SigV4 needs one.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>Reads a connection string of the form shown on the type; keys are case-insensitive.</summary>
    /// <exception cref="FormatException">A required key is missing or the endpoint is not an absolute http(s) URL.</exception>
    public static ObjectStoreSettings Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException e)
        {
            throw new FormatException(
                $"The object store connection string is malformed ({e.Message}). Expected " +
                "'Endpoint=http://HOST:PORT;AccessKey=KEY;SecretKey=SECRET;Region=REGION'.", e);
        }

        var endpointText = Required(builder, "Endpoint");
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException(
                $"The object store endpoint '{endpointText}' is not an absolute http:// or https:// URL.");
        }

        var region = builder.TryGetValue("Region", out var regionValue) && regionValue is string { Length: > 0 } r
            ? r
            : DefaultRegion;
        return new ObjectStoreSettings(endpoint, Required(builder, "AccessKey"), Required(builder, "SecretKey"), region);
    }

    private static string Required(DbConnectionStringBuilder builder, string key)
    {
        if (builder.TryGetValue(key, out var value) && value is string { Length: > 0 } text)
        {
            return text;
        }

        throw new FormatException(
            $"The object store connection string has no '{key}' value. Expected " +
            "'Endpoint=http://HOST:PORT;AccessKey=KEY;SecretKey=SECRET;Region=REGION'.");
    }

    /// <summary>Keeps the secret key out of logs and exception messages.</summary>
    public override string ToString() =>
        $"ObjectStoreSettings {{ Endpoint = {Endpoint}, AccessKey = {AccessKey}, Region = {Region} }}";
}
