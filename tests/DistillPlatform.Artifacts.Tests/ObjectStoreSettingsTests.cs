namespace DistillPlatform.Artifacts.Tests;

public sealed class ObjectStoreSettingsTests
{
    [Fact]
    public void Parses_the_orchestrator_connection_string()
    {
        var settings = ObjectStoreSettings.Parse("Endpoint=http://127.0.0.1:4568;AccessKey=S3RVER;SecretKey=S3CRET;Region=us-east-1");

        Assert.Equal(new ObjectStoreSettings(new Uri("http://127.0.0.1:4568"), "S3RVER", "S3CRET", "us-east-1"), settings);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_region_defaults_to_us_east_1()
    {
        var settings = ObjectStoreSettings.Parse("endpoint=https://s3.example.org; accesskey=a; SECRETKEY=b");

        Assert.Equal(new ObjectStoreSettings(new Uri("https://s3.example.org"), "a", "b", "us-east-1"), settings);
    }

    [Theory]
    [InlineData("AccessKey=a;SecretKey=b", "'Endpoint'")]
    [InlineData("Endpoint=http://h:1;SecretKey=b", "'AccessKey'")]
    [InlineData("Endpoint=http://h:1;AccessKey=a;SecretKey=", "'SecretKey'")]
    [InlineData("Endpoint=127.0.0.1:9000;AccessKey=a;SecretKey=b", "not an absolute http:// or https:// URL")]
    [InlineData("Endpoint=ftp://h;AccessKey=a;SecretKey=b", "not an absolute http:// or https:// URL")]
    [InlineData("Endpoint", "malformed")]
    public void Bad_connection_strings_say_what_to_fix(string connectionString, string expectedHint)
    {
        var error = Assert.Throws<FormatException>(() => ObjectStoreSettings.Parse(connectionString));

        Assert.Contains(expectedHint, error.Message);
    }

    [Fact]
    public void The_secret_key_never_appears_in_text()
    {
        var settings = ObjectStoreSettings.Parse("Endpoint=http://h:1;AccessKey=a;SecretKey=very-secret");

        Assert.DoesNotContain("very-secret", settings.ToString());
    }
}
