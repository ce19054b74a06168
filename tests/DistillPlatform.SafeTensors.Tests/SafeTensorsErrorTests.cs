using System.Text;
using DistillPlatform.SafeTensors;

namespace DistillPlatform.SafeTensors.Tests;

public class SafeTensorsErrorTests
{
    private static byte[] Document(string headerJson, int dataBytes)
    {
        var header = Encoding.UTF8.GetBytes(headerJson);
        var document = new byte[8 + header.Length + dataBytes];
        BitConverter.GetBytes((long)header.Length).CopyTo(document, 0);
        header.CopyTo(document, 8);
        return document;
    }

    [Fact]
    public void A_truncated_document_is_rejected_with_its_sizes()
    {
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(new byte[] { 1, 2, 3 }));
        Assert.Contains("too short", e.Message);
    }

    [Fact]
    public void A_header_longer_than_the_document_is_rejected()
    {
        var document = new byte[16];
        BitConverter.GetBytes(1000L).CopyTo(document, 0);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(document));
        Assert.Contains("header length 1000", e.Message);
    }

    [Fact]
    public void Invalid_json_is_rejected()
    {
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(Document("{not json", 0)));
        Assert.Contains("not valid JSON", e.Message);
    }

    [Fact]
    public void Offsets_that_do_not_match_the_shape_are_rejected()
    {
        var json = """{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""";
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(Document(json, 4)));
        Assert.Contains("\"x\"", e.Message);
    }

    [Fact]
    public void Overlapping_tensors_are_rejected()
    {
        var json = """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""";
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(Document(json, 8)));
        Assert.Contains("gap or overlap", e.Message);
    }

    [Fact]
    public void Trailing_data_not_covered_by_tensors_is_rejected()
    {
        var json = """{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(Document(json, 12)));
        Assert.Contains("cover 4 bytes", e.Message);
    }

    [Fact]
    public void Unsupported_dtype_is_named()
    {
        var json = """{"a":{"dtype":"F8_E4M3","shape":[1],"data_offsets":[0,1]}}""";
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(Document(json, 1)));
        Assert.Contains("F8_E4M3", e.Message);
    }

    [Fact]
    public void Reading_with_the_wrong_type_or_name_is_a_clear_error()
    {
        using var file = SafeTensorsFile.Open(new SafeTensorsBuilder().Add("labels", new long[] { 1 }, 1).ToArray());
        Assert.Contains("is I64, not F32", Assert.Throws<SafeTensorsFormatException>(() => file.Read<float>("labels")).Message);
        Assert.Contains("present: labels", Assert.Throws<KeyNotFoundException>(() => file.Read<long>("missing")).Message);
    }

    [Fact]
    public void The_writer_refuses_overruns_wrong_types_and_incomplete_documents()
    {
        using var buffer = new MemoryStream();
        using var writer = SafeTensorsWriter.Create(buffer, [TensorDeclaration.Of<float>("x", 2)], leaveOpen: true);
        Assert.Throws<ArgumentException>(() => writer.Write<long>([1]));
        Assert.Throws<ArgumentException>(() => writer.Write<float>([1, 2, 3]));
        writer.Write<float>([1]);
        Assert.Contains("4 of 8 bytes", Assert.Throws<InvalidOperationException>(() => writer.Complete()).Message);
    }

    [Fact]
    public void Builder_checks_element_count_against_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => new SafeTensorsBuilder().Add("x", new float[3], 2, 2));
        Assert.Contains("needs 4 elements but 3", e.Message);
    }
}
