using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Artifacts.Tests;

/// <summary>
/// The shared recipe of content-derived artifact ids. Expected hashes are the published SHA-256 test vector for "abc"
/// and values computed independently with Python's hashlib over the texts written out in each test.
/// </summary>
public sealed class ContentIdTests
{
    [Fact]
    public void An_id_is_the_prefix_and_the_start_of_the_lowercase_hex_sha256_of_the_text()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2 example).
        Assert.Equal("x-ba7816bf", ContentId.FromText("x-", "abc", 8));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentId.FromText("", "abc", 64));
    }

    [Fact]
    public void Fields_are_written_under_the_domain_as_name_byte_length_and_value()
    {
        // hashlib.sha256('test-domain/v1\nname=6:ärger\nempty=0:\nn=2:12\n'.encode()).hexdigest()
        string id = ContentId.FromFields("t-", "test-domain/v1", [("name", "ärger"), ("empty", ""), ("n", "12")], 32);

        Assert.Equal("t-a7d723d51f8b15e51361d75b4721ec3e", id);
    }

    [Fact]
    public void Settings_are_hashed_as_their_default_json()
    {
        // hashlib.sha256(b'{"kind":"pool","seeds":[1,2],"rate":0.5}').hexdigest()
        string id = ContentId.FromJson("p-", new { kind = "pool", seeds = new[] { 1, 2 }, rate = 0.5 }, 20);

        Assert.Equal("p-3121fce12c80d754a752", id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_length_the_hash_cannot_give_is_refused(int hexDigits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ContentId.FromText("x-", "abc", hexDigits));
    }
}
