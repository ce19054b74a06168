namespace DistillPlatform.Artifacts.Tests;

public sealed class ArtifactLocationTests
{
    [Fact]
    public void Splits_bucket_from_a_key_with_folders_and_formats_back()
    {
        var location = ArtifactLocation.Parse("s3://artifacts/gan/run-1/generator.safetensors");

        Assert.Equal(new ArtifactLocation("artifacts", "gan/run-1/generator.safetensors"), location);
        Assert.Equal("s3://artifacts/gan/run-1/generator.safetensors", location.ToString());
    }

    [Theory]
    [InlineData("http://artifacts/key")]
    [InlineData("s3://artifacts")]
    [InlineData("s3://artifacts/")]
    [InlineData("s3:///key")]
    public void Rejects_anything_but_s3_bucket_key(string uri)
    {
        var error = Assert.Throws<FormatException>(() => ArtifactLocation.Parse(uri));

        Assert.Contains("s3://bucket/key", error.Message);
    }
}
