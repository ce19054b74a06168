using System.Text.Json;

namespace DistillPlatform.ServiceDefaults.Tests;

public sealed class RequiredFieldsTests
{
    private static IReadOnlyList<string> Missing(string json) =>
        RequiredFields.FindMissing(typeof(ProbeCommand), JsonDocument.Parse(json).RootElement);

    [Fact]
    public void A_complete_command_misses_nothing_even_without_its_optional_fields()
    {
        Assert.Empty(Missing("""{ "id": "6d1c9c1e-3a59-4f43-9d64-0c2f5d8a7b11", "behaviour": "succeed", "detail": { "label": "a" } }"""));
    }

    [Fact]
    public void Names_match_whatever_their_case()
    {
        Assert.Empty(Missing("""{ "ID": "6d1c9c1e-3a59-4f43-9d64-0c2f5d8a7b11", "Behaviour": "succeed", "DETAIL": { "Label": "a" } }"""));
    }

    [Fact]
    public void An_absent_value_type_without_default_is_missing()
    {
        Assert.Equal(["id"], Missing("""{ "behaviour": "succeed", "detail": { "label": "a" } }"""));
    }

    [Fact]
    public void Absent_or_null_non_nullable_references_are_missing_at_every_depth()
    {
        Assert.Equal(["behaviour", "detail.label"],
            Missing("""{ "id": "6d1c9c1e-3a59-4f43-9d64-0c2f5d8a7b11", "behaviour": null, "detail": { "count": 3 } }"""));
        Assert.Equal(["detail"], Missing("""{ "id": "6d1c9c1e-3a59-4f43-9d64-0c2f5d8a7b11", "behaviour": "x" }"""));
    }

    [Fact]
    public void Null_is_accepted_where_the_field_is_nullable_or_has_a_default()
    {
        Assert.Empty(Missing("""{ "id": "6d1c9c1e-3a59-4f43-9d64-0c2f5d8a7b11", "behaviour": "x", "detail": { "label": "a" }, "note": null }"""));
    }
}
