using DistillPlatform.SafeTensors;

namespace DistillPlatform.SafeTensors.Tests;

public class SafeTensorsRoundTripTests
{
    [Fact]
    public void Every_dtype_and_the_metadata_survive_a_round_trip()
    {
        float[] weights = [1.5f, -2.25f, float.MaxValue, float.Epsilon, 0f, -0f];
        double[] doubles = [Math.PI, -1e300];
        long[] labels = [0, 3, long.MaxValue, -1];
        int[] ints = [7, -7];
        byte[] bytes = [0, 255, 17];
        bool[] mask = [true, false, true, true];

        byte[] document = new SafeTensorsBuilder()
            .Add("weights", weights, 2, 3)
            .Add("doubles", doubles, 2)
            .Add("labels", labels, 4)
            .Add("ints", ints, 2)
            .Add("bytes", bytes, 3)
            .Add("mask", mask, 2, 2)
            .WithMetadata("format", "distill")
            .ToArray();

        using var file = SafeTensorsFile.Open(document);
        Assert.Equal(weights, file.Read<float>("weights"));
        Assert.Equal(doubles, file.Read<double>("doubles"));
        Assert.Equal(labels, file.Read<long>("labels"));
        Assert.Equal(ints, file.Read<int>("ints"));
        Assert.Equal(bytes, file.Read<byte>("bytes"));
        Assert.Equal(mask, file.Read<bool>("mask"));
        Assert.Equal(new long[] { 2, 3 }, file.GetInfo("weights").Shape);
        Assert.Equal(SafeTensorDType.Bool, file.GetInfo("mask").DType);
        Assert.Equal("distill", file.Metadata["format"]);
    }

    [Fact]
    public void Data_section_starts_8_byte_aligned()
    {
        byte[] document = new SafeTensorsBuilder().Add("x", new float[] { 1 }, 1).ToArray();
        long headerLength = BitConverter.ToInt64(document, 0);
        Assert.Equal(0, (8 + headerLength) % 8);
    }

    [Fact]
    public void A_tensor_can_be_streamed_in_chunks_and_read_back_in_ranges()
    {
        const int rows = 1000, dims = 7;
        using var buffer = new MemoryStream();
        using (var writer = SafeTensorsWriter.Create(buffer,
                   [TensorDeclaration.Of<float>("features", rows, dims), TensorDeclaration.Of<long>("labels", rows)], leaveOpen: true))
        {
            var row = new float[dims];
            for (int r = 0; r < rows; r++)
            {
                for (int d = 0; d < dims; d++) row[d] = r * 10 + d;
                writer.Write<float>(row);
            }
            for (int r = 0; r < rows; r++) writer.Write<long>([r % 4]);
            writer.Complete();
        }

        using var file = SafeTensorsFile.Open(buffer.ToArray());
        var slice = new float[dims];
        file.ReadRange<float>("features", 123L * dims, slice);
        Assert.Equal(Enumerable.Range(0, dims).Select(d => 1230f + d), slice);
        Assert.Equal(3, file.Read<long>("labels")[999]);
    }

    [Fact]
    public void Empty_tensors_are_allowed()
    {
        byte[] document = new SafeTensorsBuilder()
            .Add("empty", Array.Empty<float>(), 0, 80)
            .Add("after", new long[] { 42 }, 1)
            .ToArray();
        using var file = SafeTensorsFile.Open(document);
        Assert.Empty(file.Read<float>("empty"));
        Assert.Equal(42, file.Read<long>("after")[0]);
    }

    [Fact]
    public void Save_replaces_the_target_only_when_the_document_is_complete()
    {
        string directory = Directory.CreateTempSubdirectory("safetensors-").FullName;
        try
        {
            string path = Path.Combine(directory, "model.safetensors");
            new SafeTensorsBuilder().Add("w", new float[] { 1, 2 }, 2).Save(path);
            using (var file = SafeTensorsFile.Open(path)) Assert.Equal(new float[] { 1, 2 }, file.Read<float>("w"));
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
